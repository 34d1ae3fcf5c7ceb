"""设置: the settings window's tabs — organisation, documents and deadlines, templates, backups,
holidays, minimum wages, local figures, forums."""
