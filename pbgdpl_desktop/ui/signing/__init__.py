"""Digital signatures in the window: the sign dialog (from the Reports page), the "Kiểm tra chữ ký" tool,
the Settings part (signature images, trusted roots) and the badge shown beside a signed evidence file."""
