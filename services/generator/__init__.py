"""The generator: keeps the activity store (accounts, campaigns, attempts) and generates report files."""
