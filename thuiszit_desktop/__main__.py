# Absolute import: PyInstaller runs this file as a script, where a relative import would fail.
import sys

from thuiszit_desktop.app import main

sys.exit(main())
