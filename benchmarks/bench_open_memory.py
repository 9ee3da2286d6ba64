"""Memory of a process that only opens a file in the window: the 100,000-post target is a peak of
≤ 350 MB. The file is generated and saved in another process, so nothing of the generator counts.

Run: python -m benchmarks.bench_open_memory [POSTS | FILE.orgx]   (default 100000 posts)
Prints resident memory (VmRSS) and its peak so far (VmHWM) after the imports, after the file is
read and after the window is shown with its first check done, and the time the read took (wall
and CPU: on a shared machine the CPU time is the steadier figure).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

MAKE = "import sys; from pathlib import Path; from benchmarks.generate import document; \
from orgdesigner.formats import native; native.save(document(int(sys.argv[1])), Path(sys.argv[2]))"

OPEN = """
import os, sys, time
from pathlib import Path

def memory():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return " ".join(f"{k} {int(fields[k].split()[0]) / 1024:6.0f} MB" for k in ("VmRSS", "VmHWM"))

from orgdesigner.formats import native
from orgdesigner.gui.app import application
from orgdesigner.gui.main_window import MainWindow
app = application()
print(f"{'imports':<26}", memory())
start, cpu = time.perf_counter(), time.process_time()
document = native.load(Path(sys.argv[1]))
took, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f"{'file read':<26}", memory(), f"  {took:.2f} s ({cpu:.2f} s CPU: the machine may be shared)")
window = MainWindow(document, None, restore_layout=False)
window.resize(1400, 900)
window.show()
while window.controller.check_pending:
    app.processEvents()
for _ in range(20):
    app.processEvents()
print(f"{'window shown, checked':<26}", memory())
"""


def main() -> None:
    arg = sys.argv[1] if len(sys.argv) > 1 else "100000"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        env["XDG_CONFIG_HOME"] = folder  # a first start: no window layout remembered
        if arg.endswith(".orgx"):
            path = Path(arg)
        else:
            path = Path(folder) / "big.orgx"
            subprocess.run([sys.executable, "-c", MAKE, arg, str(path)], check=True, env=env)
        print(f"{path.name}: {path.stat().st_size / 2**20:.0f} MB on disk")
        subprocess.run([sys.executable, "-c", OPEN, str(path)], check=True, env=env)


if __name__ == "__main__":
    main()
