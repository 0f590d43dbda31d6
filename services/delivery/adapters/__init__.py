"""The delivery adapters: its table and SQL, clients of the scheduler and catalog, SMTP, SFTP and FTP."""
