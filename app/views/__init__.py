"""The Qt desktop: the main window and its launcher; pages, case tabs, dialogs and widgets below."""
