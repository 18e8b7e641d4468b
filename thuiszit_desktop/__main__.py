# Absolute import: PyInstaller runs this file as a script, where a relative import would fail.
import gc
import sys

# Python's collector of reference cycles off until the first window is shown (services/geheugen.py
# na_de_start) or a command starts (app.main): what the imports and the first screen make lives as long as
# the program, and walking it cost ~15 ms of every start (issue 16).
gc.disable()

from thuiszit_desktop.app import main  # noqa: E402 (after gc.disable: its imports are what it is about)

sys.exit(main())
