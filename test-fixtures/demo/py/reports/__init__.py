"""Reports over inventory data."""
