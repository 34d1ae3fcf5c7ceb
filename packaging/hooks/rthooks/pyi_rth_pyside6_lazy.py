# PySide6's run-time hook for our bundle, in place of PyInstaller's pyi_rth_pyside6 (a hook
# folder named in the spec's `hookspath` comes first, and rthooks.dat here claims "PySide6").
# It does what that hook does, with one step moved: checking for the embedded qt.conf imports
# PySide6.QtCore (shiboken and the Qt libraries, ~55 ms), so it runs when the program itself
# first imports PySide6.QtCore, not before the first line of every command. `--version`,
# `cases`, `render`… never load Qt. tests/packaging/test_lazy_qt_hook.py runs this file.


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    # From here to the end of the macOS branch: as PyInstaller's pyi_rth_pyside6.
    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    if sys.platform.startswith('win'):
        pyqt_path = os.path.join(sys._MEIPASS, 'PySide6')
    else:
        pyqt_path = os.path.join(sys._MEIPASS, 'PySide6', 'Qt')
    os.environ['QT_PLUGIN_PATH'] = os.path.join(pyqt_path, 'plugins')
    if is_macos_app_bundle:
        pyqt_path_res = os.path.normpath(
            os.path.join(sys._MEIPASS, '..', 'Resources', os.path.relpath(pyqt_path, sys._MEIPASS)))
        os.environ['QML2_IMPORT_PATH'] = os.pathsep.join([
            os.path.join(pyqt_path_res, 'qml'), os.path.join(pyqt_path, 'qml')])
    else:
        os.environ['QML2_IMPORT_PATH'] = os.path.join(pyqt_path, 'qml')
    if sys.platform.startswith('win'):
        prepend_path_to_environment_variable(sys._MEIPASS, 'PATH')
    if sys.platform == 'darwin' and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, 'DYLD_LIBRARY_PATH')

    # The moved step: qt.conf once PySide6.QtCore is loaded (its own import returns the module).
    # Plain classes, as the import system takes them: importlib.abc alone costs ~15 ms.
    class _ThenQtConf:
        def __init__(self, loader):
            self.loader = loader

        def __getattr__(self, name):  # get_filename, is_package…: the real loader's
            if name == "loader":
                raise AttributeError(name)
            return getattr(self.loader, name)

        def create_module(self, spec):
            return self.loader.create_module(spec)

        def exec_module(self, module):
            self.loader.exec_module(module)
            qt_rth_utils.create_embedded_qt_conf("PySide6", pyqt_path)

    class _WhenQtCoreLoads:
        def find_spec(self, name, path=None, target=None):
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)  # once; the other finders find the module
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(name, path, target) if find is not None else None
                if spec is not None:
                    if spec.loader is not None:
                        spec.loader = _ThenQtConf(spec.loader)
                    return spec
            return None

    sys.meta_path.insert(0, _WhenQtCoreLoads())


_pyi_rthook()
del _pyi_rthook
