"""National Action Plans and their commitments."""
