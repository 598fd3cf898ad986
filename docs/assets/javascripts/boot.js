// Boots page scripts on every Material page load.
