"""Widgets of the Phổ biến GDPL page: session list and form, plan and tasks, speakers registry, bookcase."""
