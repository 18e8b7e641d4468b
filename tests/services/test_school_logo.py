"""The school's logo: stored in the encrypted database and printed at the top of every PDF."""

import io
import struct
import zlib
from datetime import date

import pytest
from pypdf import PdfReader

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x5f\x8b" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def images_on_first_page(pdf: bytes) -> int:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    return sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")


def test_the_logo_is_printed_on_the_mdo_verslag_and_the_dossier(services):
    vandaag = date(2026, 11, 23)
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë"),
                                vandaag)
    traject = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Zoë komt niet meer.",
                                        geopend=date(2026, 10, 1), vandaag=vandaag)
    services.mdo.mdo_vastleggen(traject.id, date(2026, 11, 10), verslag="Besproken.", vandaag=vandaag)
    assert images_on_first_page(services.afdrukken.mdo_pdf("1001", vandaag=vandaag)) == 0

    services.school.logo_opslaan(tiny_png())
    assert services.school.logo() == tiny_png()
    assert images_on_first_page(services.afdrukken.mdo_pdf("1001", vandaag=vandaag)) == 1
    assert images_on_first_page(services.afdrukken.dossier_pdf("1001")) == 1

    services.school.logo_opslaan(None)
    assert services.school.logo() is None


@pytest.mark.parametrize("data, melding", [(b"GIF89a....", "PNG- of JPG"),
                                           (b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024), "1 MB")])
def test_a_wrong_logo_gets_a_message(services, data, melding):
    with pytest.raises(InvoerFout, match=melding):
        services.school.logo_opslaan(data)
