"""Writing what was read from raw/ into the warehouse's raw schema."""
