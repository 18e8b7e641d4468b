"""The program icon for Windows (.ico) and macOS (.icns), drawn from resources/icons/thuiszit.svg at build
time by build.spec, so no second copy of the icon is kept in the repository.

Both formats hold PNG images (Windows Vista and macOS 10.7 onwards read them):
  ICO:  a 6-byte header, a 16-byte entry per image (size, offset), then the PNGs
  ICNS: "icns" + total length, then per image a 4-byte type, its length and the PNG
"""

from __future__ import annotations

import struct
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "thuiszit.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}


def png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn as a square PNG of `size` pixels, transparent around it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(path: Path) -> Path:
    images = [(size, png(size)) for size in ICO_SIZES]
    offset = 6 + 16 * len(images)
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    for size, data in images:
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(header + entries + b"".join(data for _size, data in images))
    return path


def icns(path: Path) -> Path:
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data
                    for kind, data in ((kind, png(size)) for kind, size in ICNS_TYPES.items()))
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    return path


def write(folder: str | Path) -> tuple[Path, Path]:
    """thuiszit.ico and thuiszit.icns in `folder` (build.spec gives its work folder)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return ico(folder / "thuiszit.ico"), icns(folder / "thuiszit.icns")
