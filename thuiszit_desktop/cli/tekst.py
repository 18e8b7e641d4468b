"""Text rendering for the terminal: the whole dossier of one leerling."""

from __future__ import annotations

from ..domain import formaat


def _d(x) -> str:
    return formaat.datum(x, "–")


def dossier_tekst(dossier) -> list[str]:
    ll = dossier.leerling
    uit = [f"Dossier van {ll.naam} (leerlingnummer {ll.leerlingnummer})",
           f"Gemaakt op {formaat.tijdstip(dossier.gemaakt)}", "", "LEERLING",
           f"  Geboortedatum: {_d(ll.geboortedatum)}",
           f"  Klas: {ll.klas or '–'}; mentor: {ll.mentor or '–'}",
           f"  Ingeschreven: {_d(ll.inschrijfdatum)}" + (f"; uitgeschreven: {_d(ll.uitschrijfdatum)}"
                                                          f" ({ll.bestemming or 'geen bestemming'})"
                                                          if ll.uitschrijfdatum else "")]
    if ll.bsn or ll.onderwijsnummer:
        uit.append(f"  BSN: {ll.bsn or '–'}; onderwijsnummer: {ll.onderwijsnummer or '–'}")
    uit += ["", "OUDERS EN VERZORGERS"]
    uit += [f"  - {o.naam} ({o.relatie.value}{', gezag' if o.gezag else ''}): telefoon {o.telefoon or '–'}, "
            f"e-mail {o.email or '–'}" for o in ll.ouders] or ["  Geen."]
    uit += ["", "VRIJSTELLINGEN"]
    uit += [f"  - {v.type.label}: van {_d(v.van)} tot en met {_d(v.tot)}" for v in ll.vrijstellingen] or ["  Geen."]
    uit += ["", "TRAJECTEN"]
    if not dossier.trajecten:
        uit.append("  Geen.")
    for td in dossier.trajecten:
        t = td.traject
        status = "open" if t.is_open else f"gesloten op {_d(t.gesloten)}: {t.sluitreden.label}"
        uit.append(f"  Traject {t.categorie.label.lower()} – geopend {_d(t.geopend)}, {status}, stap {int(t.stap)}")
        if t.signaal:
            uit.append(f"    Vanuit signaal: {t.signaal.label} ({_d(t.signaal_datum)})")
        if t.aanleiding:
            uit.append(f"    Aanleiding: {t.aanleiding}")
        if t.sluittoelichting:
            uit.append(f"    Toelichting bij sluiten: {t.sluittoelichting}")
        uit.append(f"    Casusregisseur: {t.eigenaar.naam if t.eigenaar else '–'}")
        for w in t.stapwissels:
            uit.append(f"    {_d(w.datum)}: van stap {int(w.van)} naar stap {int(w.naar)} ({w.door or 'onbekend'})")
        for stap in td.stappen:
            uit.append(f"    Stap {int(stap.stap)}: {stap.titel}{' (huidige stap)' if stap.huidig else ''}")
            for r in stap.regels:
                extra = ""
                if r.automatisch:
                    extra = f" – {r.bewijs} (automatisch)"
                elif r.gedaan:
                    extra = f" – {_d(r.datum)}" + (f", {r.door}" if r.door else "") + (f": {r.notitie}" if r.notitie else "")
                uit.append(f"      [{'x' if r.gedaan else ' '}] {r.item.label}{extra}")
        a = td.analyse
        if a.ingevuld or a.verzuimtype or a.kearney_functie:
            uit.append("    Analyse:")
            for domein, f in a.factoren.items():
                if f.risico or f.beschermend:
                    uit.append(f"      {domein.label}: risico: {f.risico or '–'}; beschermend: {f.beschermend or '–'}")
            if a.verzuimtype:
                uit.append(f"      Verzuimtype: {a.verzuimtype.label}")
            if a.kearney_functie:
                uit.append(f"      Functie van het verzuim: {a.kearney_functie.label}")
        for tt in td.toestemmingen:
            uit.append(f"    Toestemming ouders voor {tt.organisatie}: {'ja' if tt.gegeven else 'nee'} ({_d(tt.datum)})")
        for n in t.nazorg:
            klaar = f" – gedaan {_d(n.gedaan)}" + (f": {n.notitie}" if n.notitie else "") if n.gedaan else ""
            uit.append(f"    Nazorg {_d(n.datum)}: {n.omschrijving}{klaar}")
        for p in td.plannen:
            akkoord = f", akkoord {p.akkoord.naam} ({p.akkoord.rol.label.lower()})" if p.akkoord else ""
            uit.append(f"    Plan van aanpak versie {p.versie}: {p.status.label.lower()} {_d(p.datum)}{akkoord}")
            for doel in p.doelen:
                uit.append(f"      Doel: {doel.omschrijving} (uiterlijk {_d(doel.datum)})")
                uit += [f"        Evaluatie {_d(e.datum)}: {e.uitkomst.label.lower()}" + (f" – {e.notitie}" if e.notitie
                                                                                         else "")
                        for e in doel.evaluaties]
    uit += ["", "GESPREKKEN"]
    uit += [f"  - {_d(g.datum)} {g.type.label}{' (vertrouwelijk)' if g.vertrouwelijk else ''}"
            f"{f', door {g.door}' if g.door else ''}: {g.samenvatting}"
            + "".join(f"\n      Afspraak: {a.tekst}" for a in g.afspraken)
            for g in dossier.gesprekken] or ["  Geen."]
    uit += ["", "MDO'S"]
    if not dossier.mdos:
        uit.append("  Geen.")
    for mdo in dossier.mdos:
        uit.append(f"  - MDO {_d(mdo.datum)}{' (vertrouwelijk)' if mdo.vertrouwelijk else ''}")
        if mdo.deelnemers:
            uit.append("      Deelnemers: " + ", ".join(
                f"{d.naam} ({d.rol.label}{', ' + d.organisatie if d.organisatie else ''})" for d in mdo.deelnemers))
        if mdo.verslag:
            uit.append(f"      Verslag: {mdo.verslag}")
        uit += [f"      Besluit {b.nummer}: {b.tekst}" for b in mdo.besluiten]
        uit += [f"      Actiepunt: {a.wat} – {a.wie.naam}, uiterlijk {_d(a.uiterlijk)} ({a.status.label.lower()})"
                for a in mdo.actiepunten]
    overig = [a for a in dossier.actiepunten if a.mdo_id is None]
    uit += ["", "OVERIGE ACTIEPUNTEN"]
    uit += [f"  - {a.wat} – {a.wie.naam}, uiterlijk {_d(a.uiterlijk)} ({a.status.label.lower()})"
            for a in overig] or ["  Geen."]
    uit += ["", "SIGNALEN"]
    uit += [f"  - {_d(s.datum)} {s.soort.label}: {s.uitleg}" for s in dossier.signalen] or ["  Geen."]
    uit += ["", "VERZUIMMELDINGEN BIJ DUO"]
    uit += [f"  - {_d(md.datum)} {md.soort.label} (verzuim t/m {_d(md.einddatum)})"
            f"{f', kenmerk {md.kenmerk}' if md.kenmerk else ''}" for md in dossier.meldingen] or ["  Geen."]
    uit += ["", "M@ZL-ACTIES"]
    uit += [f"  - {_d(a.datum)}{f': {a.opmerking}' if a.opmerking else ''}" for a in dossier.mazl_acties] or ["  Geen."]
    uit += ["", "VERZUIM"]
    uit += [f"  - {_d(p.van)} t/m {_d(p.tot)}: {p.detail}" for p in dossier.verzuim] or ["  Geen."]
    uit += ["", "WIE HET DOSSIER HEEFT GEBRUIKT"]
    uit += [f"  - {g.wie}: {g.actie} {g.wat} ({g.aantal}×, {_d(g.eerste)} – {_d(g.laatste)})"
            for g in dossier.gebruik] or ["  Niemand."]
    for o in dossier.avg:  # the art. 15 information
        uit += ["", o.kop.upper(), *(f"  {a}" for a in o.alineas), *(f"  - {p}" for p in o.punten)]
    return uit

