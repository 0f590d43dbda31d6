"""The delivery service: output options rules, file names, and the deliver stage of every job."""
