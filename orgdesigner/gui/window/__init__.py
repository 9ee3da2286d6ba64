"""The main window's rooms: menus and toolbar, files, imports, exports, printing, editing, rules.

`gui/main_window.py` builds the window and its docks; each module here holds one kind of work the
window offers, so a change to (say) exporting touches one file.
"""
