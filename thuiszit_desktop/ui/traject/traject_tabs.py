"""The gesprekken, MDO's, actiepunten and nazorg of a traject: the tabs beside the steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.actiepunt import Actiepunt
from ...domain.gesprek import Gesprek
from ...domain.mdo import Mdo
from ...domain.traject import ActiepuntStatus, NazorgMoment
from ...services.traject_gedeeld import VERTROUWELIJK
from ..common import errors, theme
from ..common.blocks import card_frame, clear_layout, list_tree, push_button, smaller, text_label
from ..common.ongedaan_bar import toon_ongedaan
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, hint
from .actiepunt_dialog import ActiepuntDialog
from .gesprek_dialog import ContactmomentDialog, GesprekDialog
from .mdo_dialog import MdoDialog
from .nazorg_dialogs import NazorgAfrondenDialog, NazorgDialog
from .partners_dialog import PartnersDialog


class TrajectTabs:
    """The right half of the traject tab: its gesprekken, MDO's, actiepunten and nazorg, each a tab with
    its list and buttons. Mixed into `TrajectView`, which holds the state (services, traject, rights) and
    builds and fills these tabs with the rest of the page."""

    def _tab(self, *widgets) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        for w in widgets:
            if isinstance(w, QHBoxLayout):
                layout.addLayout(w)
            else:
                layout.addWidget(w, 1 if isinstance(w, (QTreeWidget, QScrollArea)) else 0)
        return page

    def _build_gesprekken_tab(self) -> None:
        self.gesprekken_tree = list_tree(["Datum", "Soort", "Afspraken", "Samenvatting"])
        self.gesprekken_tree.itemActivated.connect(lambda *_: self.gesprek_bekijken())  # double-click, Enter
        self.gesprekken_tree.setToolTip("Dubbelklik om het gesprek te bekijken")
        self.gesprekken_tree.currentItemChanged.connect(self._update_gesprek_weg)
        row = QHBoxLayout()
        self.gesprek_button = push_button("Gesprek vastleggen…", self.gesprek_vastleggen)
        self.contact_button = push_button("Contactmoment…", self.contactmoment,
                                          "Snel een telefoontje of gesprek noteren (Ctrl+Enter slaat op)")
        self.gesprek_open_button = push_button("Bekijken…", self.gesprek_bekijken)
        self.gesprek_weg_button = push_button("Verwijderen…", self.gesprek_verwijderen,
                                              "Een gesprek dat per vergissing is vastgelegd")
        for b in (self.gesprek_button, self.contact_button, self.gesprek_open_button, self.gesprek_weg_button):
            row.addWidget(b)
        row.addStretch(1)
        self.gesprekken_leeg = hint("Nog geen gesprekken bij dit traject.")
        self.tabs.addTab(self._tab(row, self.gesprekken_leeg, self.gesprekken_tree), "Gesprekken")

    def _build_mdo_tab(self) -> None:
        row = QHBoxLayout()
        self.mdo_button = push_button("MDO vastleggen…", self.mdo_vastleggen,
                                      "Plan een MDO of leg het verslag, de besluiten en actiepunten vast")
        self.partners_button = push_button("Adresboek…", self.adresboek, "Het gedeelde adresboek van partners")
        row.addWidget(self.mdo_button)
        row.addWidget(self.partners_button)
        row.addStretch(1)
        body = QWidget()
        self.mdo_layout = QVBoxLayout(body)
        self.mdo_layout.setContentsMargins(0, 0, 4, 0)
        self.mdo_scroll = self._scroll(body)
        self.tabs.addTab(self._tab(row, self.mdo_scroll), "MDO's")

    def _build_actiepunten_tab(self) -> None:
        self.actiepunten_tree = list_tree(["Uiterlijk", "Wie", "Uit", "Status", "Wat"])
        self.actiepunten_tree.itemSelectionChanged.connect(self._update_actie_buttons)
        row = QHBoxLayout()
        self.gedaan_button = push_button("Gedaan", lambda: self.actiepunt_status(ActiepuntStatus.GEDAAN))
        self.vervallen_button = push_button("Vervallen", lambda: self.actiepunt_status(ActiepuntStatus.VERVALLEN),
                                            "Het actiepunt is niet meer nodig")
        self.heropen_button = push_button("Weer open", lambda: self.actiepunt_status(ActiepuntStatus.OPEN))
        self.actie_add_button = push_button("Actiepunt toevoegen…", self.actiepunt_toevoegen)
        self.actie_weg_button = push_button("Verwijderen…", self.actiepunt_verwijderen,
                                            "Een actiepunt dat per vergissing is toegevoegd (anders: Vervallen)")
        for b in (self.actie_add_button, self.gedaan_button, self.vervallen_button, self.heropen_button,
                  self.actie_weg_button):
            row.addWidget(b)
        row.addStretch(1)
        self.alle_acties = QCheckBox("Ook afgeronde tonen")
        self.alle_acties.toggled.connect(self._fill_actiepunten)
        row.addWidget(self.alle_acties)
        self.actiepunten_leeg = hint("")
        self.tabs.addTab(self._tab(row, self.actiepunten_leeg, self.actiepunten_tree), "Actiepunten")

    def _build_nazorg_tab(self) -> None:
        self.nazorg_tree = list_tree(["Datum", "Wat", "Gedaan"])
        self.nazorg_tree.itemSelectionChanged.connect(self._update_nazorg_buttons)
        self.nazorg_hint = hint("")
        row = QHBoxLayout()
        self.nazorg_afronden_button = push_button("Afronden…", self.nazorg_afronden)
        self.nazorg_wijzig_button = push_button("Wijzigen…", self.nazorg_wijzigen)
        self.nazorg_weg_button = push_button("Verwijderen", self.nazorg_verwijderen)
        self.nazorg_add_button = push_button("Toevoegen…", self.nazorg_toevoegen)
        for b in (self.nazorg_afronden_button, self.nazorg_wijzig_button, self.nazorg_weg_button,
                  self.nazorg_add_button):
            row.addWidget(b)
        row.addStretch(1)
        self.tabs.addTab(self._tab(self.nazorg_hint, row, self.nazorg_tree), "Nazorg")

    # --- lists -----------------------------------------------------------------------------------------

    def _traject_items(self, items, traject_id_of) -> list:
        """Items of the shown traject; for the open traject also those without a traject (made before it)."""
        t = self.traject
        return [x for x in items if traject_id_of(x) == t.id or (t.is_open and traject_id_of(x) is None)]

    def _fill_gesprekken(self) -> None:
        tree = self.gesprekken_tree
        tree.clear()
        self.gesprekken = self._traject_items(self.services.gesprekken.gesprekken(self.leerlingnummer),
                                              lambda g: g.traject_id)
        for g in self.gesprekken:  # a vertrouwelijk one comes with VERTROUWELIJK for its content, unless allowed
            item = QTreeWidgetItem([format_date(g.datum), g.type.label + (" · vertrouwelijk" if g.vertrouwelijk else ""),
                                    str(len(g.afspraken)) if g.afspraken else "", " ".join(g.samenvatting.split())])
            item.setData(0, Qt.ItemDataRole.UserRole, g.id)
            item.setToolTip(3, g.samenvatting)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
            if g.vertrouwelijk:
                item.setForeground(1, theme.color("accent"))
            tree.addTopLevelItem(item)
        for c in range(3):
            tree.resizeColumnToContents(c)
        self.gesprekken_leeg.setVisible(not self.gesprekken)
        tree.setVisible(bool(self.gesprekken))
        self.tabs.setTabText(0, f"Gesprekken ({len(self.gesprekken)})")
        for b in (self.gesprek_button, self.contact_button):
            b.setVisible(self.can_contact and not self.read_only)
        self.gesprek_weg_button.setVisible(self.can_contact and not self.read_only and bool(self.gesprekken))
        self._update_gesprek_weg()

    def _update_gesprek_weg(self, *_args) -> None:
        """Removing is offered only where the service allows it (no question first and a refusal after)."""
        g = self._selected_gesprek()
        mag = g is None or self.services.gesprekken.mag_gesprek_weghalen(g)
        self.gesprek_weg_button.setEnabled(mag)
        self.gesprek_weg_button.setToolTip("Een gesprek dat per vergissing is vastgelegd" if mag else
                                           "Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het "
                                           "verwijderen.")

    def _fill_mdos(self) -> None:
        clear_layout(self.mdo_layout)
        self.mdos = self.services.mdo.mdos(self.traject.id)
        self.mdo_button.setVisible(self.can_edit and not self.read_only)
        self.partners_button.setVisible(self.can_edit)
        if not self.mdos:
            self.mdo_layout.addWidget(hint("Nog geen MDO. In stap 3 organiseert de school een multidisciplinair overleg "
                                           "met de partners die nodig zijn, de ouders en de leerling."))
        for m in reversed(self.mdos):
            self.mdo_layout.addWidget(self._mdo_card(m))
        self.mdo_layout.addStretch(1)
        self.tabs.setTabText(1, f"MDO's ({len(self.mdos)})")

    def _mdo_card(self, m: Mdo) -> QFrame:
        card = card_frame()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        top = QHBoxLayout()
        gepland = " (gepland)" if m.datum > self.vandaag else ""
        titel = f"MDO {format_date(m.datum)}{gepland}" + ("  · vertrouwelijk" if m.vertrouwelijk else "")
        top.addWidget(text_label(titel, bold=True), 1)
        verborgen = m.vertrouwelijk and not self.services.ziet_vertrouwelijk  # the service hid it
        open_text = "Openen…" if self.can_edit and not self.read_only else "Bekijken…"
        if not verborgen:
            top.addWidget(push_button(open_text, lambda m=m: self.mdo_openen(m)))
            top.addWidget(push_button("Verslag afdrukken…" if m.datum <= self.vandaag else "Agenda afdrukken…",
                                      lambda m=m: self.mdo_afdrukken(m),
                                      "Als PDF: bekijken, afdrukken of opslaan"))
        if self.can_edit and not self.read_only:
            top.addWidget(push_button("Verwijderen…", lambda m=m: self.mdo_verwijderen(m),
                                      "Een MDO dat per vergissing is vastgelegd, met zijn besluiten en actiepunten"))
        layout.addLayout(top)
        if verborgen:
            layout.addWidget(smaller(text_label(VERTROUWELIJK, muted=True)))
        if m.deelnemers:
            layout.addWidget(smaller(text_label("Deelnemers: " + ", ".join(f"{d.naam} ({d.rol.label.lower()})"
                                                                        for d in m.deelnemers), muted=True)))
        if m.besluiten and not verborgen:
            layout.addWidget(text_label("Besluiten", bold=True))
            for b in m.besluiten:
                layout.addWidget(text_label(f"{b.nummer}. {b.tekst}"))
        open_ = [a for a in m.actiepunten if a.status is ActiepuntStatus.OPEN]
        if open_:
            layout.addWidget(text_label("Open actiepunten", bold=True))
            for a in open_:
                te_laat = a.te_laat(self.vandaag)
                layout.addWidget(text_label(f"• {a.wat} – {a.wie.naam}, uiterlijk {format_date(a.uiterlijk)}"
                                            + (" (te laat)" if te_laat else ""), color="danger" if te_laat else ""))
        klaar = len(m.actiepunten) - len(open_)
        if klaar:
            layout.addWidget(smaller(text_label(f"{klaar} actiepunt{'en' if klaar != 1 else ''} afgerond of vervallen",
                                                muted=True)))
        if not (m.besluiten or m.actiepunten or m.verslag):
            layout.addWidget(smaller(hint("Nog geen verslag, besluiten of actiepunten.")))
        return card

    def _fill_actiepunten(self) -> None:
        if self.traject is None:
            return
        tree = self.actiepunten_tree
        tree.clear()
        alle = self._traject_items(self.services.actiepunten.actiepunten(self.leerlingnummer), lambda a: a.traject_id)
        mdo_datum = {m.id: m.datum for m in getattr(self, "mdos", [])}
        gesprek_datum = {g.id: g.datum for g in getattr(self, "gesprekken", [])}
        self.actiepunten = alle if self.alle_acties.isChecked() else [
            a for a in alle if a.status is ActiepuntStatus.OPEN]
        for a in self.actiepunten:
            if a.mdo_id is not None:
                uit = f"MDO {format_date(mdo_datum.get(a.mdo_id))}".strip()
            elif a.gesprek_id is not None:
                uit = f"gesprek {format_date(gesprek_datum.get(a.gesprek_id))}".strip()
            else:
                uit = ""
            status = a.status.label + (f" op {format_date(a.afgerond)}" if a.afgerond else "")
            te_laat = a.te_laat(self.vandaag)
            item = QTreeWidgetItem([format_date(a.uiterlijk) + (" · te laat" if te_laat else ""), a.wie.naam, uit,
                                    status, a.wat])
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(4, a.wat)
            if te_laat:
                for c in range(5):
                    item.setForeground(c, theme.color("danger"))
            elif a.status is not ActiepuntStatus.OPEN:
                for c in range(5):
                    item.setForeground(c, theme.color("muted"))
            tree.addTopLevelItem(item)
        for c in range(4):
            tree.resizeColumnToContents(c)
        tree.setVisible(bool(self.actiepunten))
        self.actiepunten_leeg.setText("" if self.actiepunten else (
            "Nog geen actiepunten bij dit traject." if not alle else "Geen open actiepunten meer."))
        self.actiepunten_leeg.setVisible(not self.actiepunten)
        n_open = sum(a.status is ActiepuntStatus.OPEN for a in alle)
        self.tabs.setTabText(2, f"Actiepunten ({n_open} open)")
        self.actie_add_button.setVisible(self.can_contact and not self.read_only)
        self._update_actie_buttons()

    def _update_actie_buttons(self) -> None:
        a = self._selected_actiepunt()
        mag = self.can_contact and not self.read_only
        for b in (self.gedaan_button, self.vervallen_button, self.heropen_button):
            b.setVisible(mag)
        self.gedaan_button.setEnabled(a is not None and a.status is ActiepuntStatus.OPEN)
        self.vervallen_button.setEnabled(a is not None and a.status is ActiepuntStatus.OPEN)
        self.heropen_button.setEnabled(a is not None and a.status is not ActiepuntStatus.OPEN)
        self.actie_weg_button.setVisible(self.can_edit and not self.read_only)
        self.actie_weg_button.setEnabled(a is not None)

    def _selected_actiepunt(self) -> Actiepunt | None:
        item = self.actiepunten_tree.currentItem()
        if item is None or not item.isSelected():
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in getattr(self, "actiepunten", []) if a.id == ident), None)

    def _fill_nazorg(self) -> None:
        tree = self.nazorg_tree
        tree.clear()
        t = self.traject
        if t.is_open:
            self.nazorg_hint.setText("Nazorg plant u bij het sluiten van het traject: standaard na 6 weken, 3 maanden "
                                     "en 1 jaar ('tot een jaar later wordt er gekeken hoe het gaat').")
        else:
            self.nazorg_hint.setText(f"Het traject is gesloten op {format_date(t.gesloten)}. Rond elk nazorgmoment af "
                                     "met een korte notitie.")
        for n in t.nazorg:
            te_laat = n.gedaan is None and n.datum < self.vandaag
            gedaan = (f"{format_date(n.gedaan)}" + (f": {n.notitie}" if n.notitie else "")) if n.gedaan else (
                "te laat" if te_laat else "")
            item = QTreeWidgetItem([format_date(n.datum), n.omschrijving, gedaan])
            item.setData(0, Qt.ItemDataRole.UserRole, n.id)
            if te_laat:
                for c in range(3):
                    item.setForeground(c, theme.color("danger"))
            tree.addTopLevelItem(item)
        tree.resizeColumnToContents(0)
        tree.setColumnWidth(1, 220)
        tree.setVisible(bool(t.nazorg))
        open_ = sum(n.gedaan is None for n in t.nazorg)
        self.tabs.setTabText(3, f"Nazorg ({open_} open)" if t.nazorg else "Nazorg")
        self.nazorg_add_button.setVisible(self.can_edit and not t.is_open)
        self._update_nazorg_buttons()

    def _selected_nazorg(self) -> NazorgMoment | None:
        item = self.nazorg_tree.currentItem()
        if item is None or not item.isSelected() or self.traject is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((n for n in self.traject.nazorg if n.id == ident), None)

    def _update_nazorg_buttons(self) -> None:
        n = self._selected_nazorg()
        mag = self.can_edit and self.traject is not None and bool(self.traject.nazorg)
        for b in (self.nazorg_afronden_button, self.nazorg_wijzig_button, self.nazorg_weg_button):
            b.setVisible(mag)
            b.setEnabled(n is not None)
        self.nazorg_afronden_button.setEnabled(n is not None and n.gedaan is None)

    # --- actions ---------------------------------------------------------------------------------------

    def gesprek_vastleggen(self) -> bool:
        dialog = GesprekDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Gesprek vastgelegd.")
            return True
        return False

    def contactmoment(self) -> bool:
        dialog = ContactmomentDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Contactmoment vastgelegd.")
            return True
        return False

    def mdo_verwijderen(self, mdo: Mdo) -> bool:
        n = len(mdo.besluiten) + len(mdo.actiepunten)
        if not errors.bevestig_verwijderen(self, f"Het MDO van {format_date(mdo.datum)}",
                                           f"De deelnemers, besluiten en actiepunten ({n}) van dit MDO gaan mee."
                                           if n else "De deelnemers van dit MDO gaan mee."):
            return False
        try:
            weg = self.services.mdo.mdo_verwijderen(mdo.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("MDO verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("MDO teruggezet."))
        return True

    def gesprek_verwijderen(self) -> bool:
        g = self._selected_gesprek()
        if g is not None and not self.services.gesprekken.mag_gesprek_weghalen(g):
            self.status_label.setText(self.gesprek_weg_button.toolTip())
            return False
        if g is None or not errors.bevestig_verwijderen(self, f"Het gesprek van {format_date(g.datum)}",
                                                        "De afspraken van het gesprek gaan mee; actiepunten die eruit "
                                                        "kwamen blijven staan."):
            return False
        try:
            weg = self.services.gesprekken.gesprek_verwijderen(g.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Gesprek verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Gesprek teruggezet."))
        return True

    def _selected_gesprek(self) -> Gesprek | None:
        item = self.gesprekken_tree.currentItem()
        if item is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((g for g in self.gesprekken if g.id == ident), None)

    def open_referentie(self, referentie: str) -> bool:
        """Open what a timeline line points to ("gesprek:12", "mdo:3", "traject:7", "actiepunt:5", "nazorg:2");
        connect `TijdlijnView.referentie_activated` here. False when there is nothing to open."""
        soort, _, rest = referentie.partition(":")
        if not rest.isdigit():
            return False
        ident = int(rest)
        try:
            if soort == "gesprek":
                return self.gesprek_bekijken(self.services.gesprekken.gesprek(ident))
            if soort == "mdo":
                m = self.services.mdo.mdo(ident)
                if self.traject is None or self.traject.id != m.traject_id:
                    self.show_traject(m.traject_id)
                self.tabs.setCurrentIndex(1)
                if m.vertrouwelijk and not self.services.ziet_vertrouwelijk:  # the service hid its content
                    return False
                return self.mdo_openen(m)
            if soort in ("traject", "actiepunt", "nazorg"):
                traject_id = ident if soort == "traject" else None
                if soort == "actiepunt":
                    traject_id = self.services.actiepunten.actiepunt(ident).traject_id
                elif soort == "nazorg":
                    traject_id = next((t.id for t in self.trajecten for n in t.nazorg if n.id == ident), None)
                if traject_id is None:
                    return False
                self.show_traject(traject_id)
                self.tabs.setCurrentIndex({"traject": self.tabs.currentIndex(), "actiepunt": 2, "nazorg": 3}[soort])
                return True
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
        return False

    def gesprek_bekijken(self, gesprek: Gesprek | None = None) -> bool:
        g = gesprek or self._selected_gesprek()
        if g is None:
            return False
        dialog = GesprekDialog(self.services, self.leerlingnummer, self._parent(), g, vandaag=self.vandaag_vast)
        if self.read_only or not self.can_contact:
            dialog.save_button.hide()
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Gesprek opgeslagen.")
            return True
        return False

    def mdo_vastleggen(self) -> bool:
        dialog = MdoDialog(self.services, self.traject.id, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("MDO vastgelegd.")
            return True
        return False

    def mdo_openen(self, m: Mdo) -> bool:
        dialog = MdoDialog(self.services, self.traject.id, self._parent(), m, vandaag=self.vandaag_vast)
        if self.read_only or not self.can_edit:
            dialog.set_read_only()
        if dialog.exec() and dialog.saved is not None:
            self._wrote("MDO opgeslagen.")
            return True
        return False

    def mdo_afdrukken(self, m: Mdo) -> PdfPreviewDialog:
        nr, datum = self.leerlingnummer, m.datum
        dialog = PdfPreviewDialog(self._parent(), f"MDO-verslag – {self.naam}",
                                  lambda: self.services.afdrukken.mdo_pdf(nr, datum),
                                  f"MDO-verslag {self.naam} {format_date(datum)}.pdf",
                                  services=self.services)
        dialog.exec()
        return dialog

    def adresboek(self) -> None:
        dialog = PartnersDialog(self.services, self._parent())
        dialog.exec()
        if dialog.changed_any:
            self._wrote()

    def actiepunt_toevoegen(self) -> bool:
        dialog = ActiepuntDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Actiepunt toegevoegd.")
            return True
        return False

    def actiepunt_status(self, status: ActiepuntStatus, actiepunt: Actiepunt | None = None) -> bool:
        a = actiepunt or self._selected_actiepunt()
        if a is None:
            return False
        try:
            self.services.actiepunten.actiepunt_status(a.id, status, vandaag=self.vandaag_vast, versie=a.rijversie)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote(f"Actiepunt '{a.wat}': {status.label.lower()}.")
        return True

    def actiepunt_verwijderen(self) -> bool:
        a = self._selected_actiepunt()
        if a is None or not errors.bevestig_verwijderen(self, f"Het actiepunt '{a.wat}'",
                                                        "Alleen als het per vergissing is toegevoegd; is het niet meer "
                                                        "nodig, kies dan Vervallen."):
            return False
        try:
            weg = self.services.actiepunten.actiepunt_verwijderen(a.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Actiepunt verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Actiepunt teruggezet."))
        return True

    def nazorg_afronden(self, moment: NazorgMoment | None = None) -> bool:
        n = moment or self._selected_nazorg()
        if n is None:
            return False
        dialog = NazorgAfrondenDialog(self.services, n, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorg afgerond.")
            return True
        return False

    def nazorg_wijzigen(self) -> bool:
        n = self._selected_nazorg()
        if n is None:
            return False
        dialog = NazorgDialog(self.services, self.traject.id, self._parent(), moment=n, vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorgmoment gewijzigd.")
            return True
        return False

    def nazorg_toevoegen(self) -> bool:
        dialog = NazorgDialog(self.services, self.traject.id, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorgmoment toegevoegd.")
            return True
        return False

    def nazorg_verwijderen(self) -> bool:
        n = self._selected_nazorg()
        if n is None or not errors.bevestig_verwijderen(self, f"Het nazorgmoment van {format_date(n.datum)}",
                                                        n.omschrijving):
            return False
        try:
            weg = self.services.trajecten.nazorg_verwijderen(n.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Nazorgmoment verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Nazorgmoment teruggezet."))
        return True
