"""Stand-alone dialogs: the new-case wizard, sign-in, imports and documents."""
