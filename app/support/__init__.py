"""The support domain as plain functions; nothing here reads the Flask request."""
