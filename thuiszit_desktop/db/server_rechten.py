"""Who may see what on the server: group roles, grants and row-level security, as SQL the owner runs.

On the encrypted file a mentor's klas scope is kept by the program (services/toegang.py); on a server the
server keeps it, so a mentor who connects with psql and their own login sees no more than the program
shows them. Every user is a login role named after their `naam_sleutel` (the casefolded name they log in
with), member of one group:
- thuiszit_zorgcoordinator: everything, but the audit trail only read and appended;
- thuiszit_mentor: the students of their own klassen (gebruiker.klassen against leerling.klas, casefolded
  as in Context.klassen_filter) and their rows in the related tables; contactmomenten, afspraken,
  actiepunten and besprekingen of those students; no analysis (traject_analyse), no plan before it is
  vastgesteld; their own drafts and profile;
- thuiszit_lezer: only counts, through views that hide counts under 5 (as the app's "minder dan 5").
Application roles may only INSERT into the audit trail (the trigger in server_schema.py makes the chain).

Group roles belong to the whole cluster, so membership alone proves nothing about this school: a mentor of
another school's database on the same server is in the same group. Every policy therefore also asks this
database's own gebruiker table (active, and which role): a login without a row here sees no row at all.
The functions are wrapped in a sub-select so PostgreSQL evaluates them once per query, not once per row.
"""

from __future__ import annotations

from .vertrouwelijk import KOLOMMEN

ZORGCOORDINATOR = "thuiszit_zorgcoordinator"
MENTOR = "thuiszit_mentor"
LEZER = "thuiszit_lezer"
SLEUTEL_VERLOPEN = "TZ001"  # SQLSTATE of a confidential text written with a key that was replaced
GROEP = {"zorgcoordinator": ZORGCOORDINATOR, "mentor": MENTOR, "alleen-lezen": LEZER}

# How a row reaches its student, for the mentor's policies: through the table's own RLS, so one rule
# (leerling) scopes everything below it.
_DIRECT = "\"leerling_id\" IN (SELECT \"id\" FROM \"leerling\")"
_VIA_TRAJECT = "\"traject_id\" IN (SELECT \"id\" FROM \"traject\")"
_SCOPE = {
    "leerling": "lower(\"klas\") = ANY ((SELECT thuiszit_mijn_klassen())::text[])",
    **{t: _DIRECT for t in ("ouder", "vrijstelling", "verzuim", "verzuimmelding", "mazl_actie",
                            "signaal_bespreking", "traject", "gesprek", "actiepunt")},
    **{t: _VIA_TRAJECT for t in ("stap_wissel", "checklist_afvinking", "nazorg_moment", "mdo", "toestemming")},
    "plan_van_aanpak": f"\"status\" = 'vastgesteld' AND {_VIA_TRAJECT}",
    "mdo_deelnemer": "\"mdo_id\" IN (SELECT \"id\" FROM \"mdo\")",
    "besluit": "\"mdo_id\" IN (SELECT \"id\" FROM \"mdo\")",
    "afspraak": "\"gesprek_id\" IN (SELECT \"id\" FROM \"gesprek\")",
    "plan_doel": "\"plan_id\" IN (SELECT \"id\" FROM \"plan_van_aanpak\")",
    "plan_evaluatie": "\"doel_id\" IN (SELECT \"id\" FROM \"plan_doel\")",
}
# What a mentor writes (services/toegang.py: contactmomenten and actiepunten of their own students). Of the
# actiepunten a mentor changes only their own (the status: actiepunt_status) and removes none.
_MENTOR_SCHRIJFT = ("gesprek", "afspraak", "signaal_bespreking")
# Not student data: the school, its settings and calendar, colleagues and partners.
_SCHOOLBREED = ("school", "instelling", "vrije_dag", "contact", "gebruiker", "profiel")
_EIGEN = "\"gebruiker_id\" = (SELECT thuiszit_gebruiker_id())"
_ALS_ZORG = "(SELECT thuiszit_mijn_rol()) = 'zorgcoordinator'"
_ALS_MENTOR = "(SELECT thuiszit_mijn_rol()) = 'mentor'"
_ALS_LEZER = "(SELECT thuiszit_mijn_rol()) = 'alleen-lezen'"
# The caches are never read on a server (db/signaal_cache.py, db/lijst_cache.py): the zorgcoördinator's only.
ALLE_TABELLEN = (*_SCOPE, "traject_analyse", *_SCHOOLBREED, "concept", "audit_regel",
                 "signaal_cache", "lijst_cache")

_GROEPEN = f"""
DO $$
DECLARE groep text;
BEGIN
  FOREACH groep IN ARRAY ARRAY['{ZORGCOORDINATOR}', '{MENTOR}', '{LEZER}'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = groep) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', groep);
    END IF;
  END LOOP;
END
$$;;
"""

_FUNCTIES = """
CREATE OR REPLACE FUNCTION thuiszit_gebruiker_id() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
  SELECT "id" FROM "gebruiker" WHERE "naam_sleutel" = session_user::text AND "actief"
$$;;
CREATE OR REPLACE FUNCTION thuiszit_mijn_rol() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
  SELECT "rol" FROM "gebruiker" WHERE "naam_sleutel" = session_user::text AND "actief"
$$;;
CREATE OR REPLACE FUNCTION thuiszit_mijn_klassen() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(lower(trim(k))) FILTER (WHERE trim(k) <> ''), '{}')
  FROM "gebruiker", unnest(string_to_array("klassen", ',')) AS k
  WHERE "naam_sleutel" = session_user::text AND "actief" AND "rol" = 'mentor'
$$;;
REVOKE ALL ON FUNCTION thuiszit_gebruiker_id(), thuiszit_mijn_rol(), thuiszit_mijn_klassen() FROM PUBLIC;;
"""

# A mentor may not read an analysis, yet their checklist shows whether and when it was filled in (as on a file,
# where they read only "vertrouwelijk" in it): the date, for a traject of their own students, and nothing else.
_ANALYSE_INGEVULD = """
CREATE OR REPLACE FUNCTION thuiszit_analyse_ingevuld(traject integer) RETURNS timestamp LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT a."gewijzigd" FROM "traject_analyse" a JOIN "traject" t ON t."id" = a."traject_id"
    JOIN "leerling" l ON l."id" = t."leerling_id"
  WHERE a."traject_id" = traject
    AND (thuiszit_mijn_rol() = 'zorgcoordinator' OR lower(l."klas") = ANY (thuiszit_mijn_klassen()))
    AND (a."leerling_risico" <> '' OR a."leerling_beschermend" <> '' OR a."thuis_risico" <> ''
         OR a."thuis_beschermend" <> '' OR a."school_risico" <> '' OR a."school_beschermend" <> ''
         OR a."buurt_risico" <> '' OR a."buurt_beschermend" <> '')
$$;;
REVOKE ALL ON FUNCTION thuiszit_analyse_ingevuld(integer) FROM PUBLIC;;
"""

# A zorgcoördinator manages the school's logins (gebruiker toevoegen, uitschakelen, a role or password
# changed) without CREATEROLE of their own: through these two functions, which run as the owner and touch only
# what is one of this school's logins – never the owner, a superuser, a group or anyone without a gebruiker
# row here – and take a SCRAM verifier only, never a password.
_LOGINS = """
CREATE OR REPLACE FUNCTION thuiszit_login_controle(login text) RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
DECLARE r pg_roles%ROWTYPE;
BEGIN
  IF thuiszit_mijn_rol() IS DISTINCT FROM 'zorgcoordinator' THEN
    RAISE EXCEPTION 'alleen een zorgcoördinator van deze school beheert de logins' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "gebruiker" WHERE "naam_sleutel" = login) THEN
    RAISE EXCEPTION 'er is geen gebruiker % op deze school', login USING ERRCODE = '42501';
  END IF;
  SELECT * INTO r FROM pg_roles WHERE rolname = login;
  IF FOUND AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls OR r.rolreplication
      OR login IN ('thuiszit_zorgcoordinator', 'thuiszit_mentor', 'thuiszit_lezer')
      OR EXISTS (SELECT 1 FROM pg_database WHERE datdba = r.oid)
      OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 WHERE m.member = r.oid
                   AND g.rolname NOT IN ('thuiszit_zorgcoordinator', 'thuiszit_mentor', 'thuiszit_lezer'))
      OR NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = r.oid
                       AND g.rolname IN ('thuiszit_zorgcoordinator', 'thuiszit_mentor', 'thuiszit_lezer'))) THEN
    RAISE EXCEPTION 'de login % is geen login van Thuiszit Desktop', login USING ERRCODE = '42501';
  END IF;
END
$$;;
CREATE OR REPLACE FUNCTION thuiszit_login_zetten(login text, verificatie text, nieuwe_rol text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  groep text := CASE nieuwe_rol WHEN 'zorgcoordinator' THEN 'thuiszit_zorgcoordinator' WHEN 'mentor' THEN 'thuiszit_mentor'
                         WHEN 'alleen-lezen' THEN 'thuiszit_lezer' END;
BEGIN
  PERFORM thuiszit_login_controle(login);
  IF groep IS NULL THEN
    RAISE EXCEPTION 'onbekende rol %', nieuwe_rol;
  END IF;
  IF verificatie !~ '^SCRAM-SHA-256[$][0-9]+:[A-Za-z0-9+/=]+[$][A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'alleen een SCRAM-verificatie, nooit een wachtwoord';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', login, verificatie);
    PERFORM thuiszit_login_rol(login, nieuwe_rol);  -- the one place that moves a login between the groups
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verificatie, groep);
  END IF;
END
$$;;
CREATE OR REPLACE FUNCTION thuiszit_login_rol(login text, nieuwe_rol text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  groep text := CASE nieuwe_rol WHEN 'zorgcoordinator' THEN 'thuiszit_zorgcoordinator' WHEN 'mentor' THEN 'thuiszit_mentor'
                         WHEN 'alleen-lezen' THEN 'thuiszit_lezer' END;
  andere text;
BEGIN
  PERFORM thuiszit_login_controle(login);
  IF groep IS NULL OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'onbekende rol % of login %', nieuwe_rol, login;
  END IF;
  FOREACH andere IN ARRAY ARRAY['thuiszit_zorgcoordinator', 'thuiszit_mentor', 'thuiszit_lezer'] LOOP
    IF andere <> groep AND pg_has_role(login, andere, 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', andere, login);
    END IF;
  END LOOP;
  IF NOT pg_has_role(login, groep, 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', groep, login);
  END IF;
END
$$;;
CREATE OR REPLACE FUNCTION thuiszit_login_uit(login text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM thuiszit_login_controle(login);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  END IF;
END
$$;;
REVOKE ALL ON FUNCTION thuiszit_login_controle(text), thuiszit_login_zetten(text, text, text),
  thuiszit_login_rol(text, text), thuiszit_login_uit(text) FROM PUBLIC;;
"""

# The key slots (db/keys.py, format 2) live on the server instead of in a file beside the database: one row per
# user, found by the login role's name. A user reads and rewrites only their own row (a new password); a
# zorgcoördinator reads all and writes all, to give a new user or a new zorgcoördinator their keys – what a
# slot holds is sealed to its user's X25519 key, so reading another's row gives nothing. The confidential key
# (vertrouwelijk) is only in zorgcoördinators' slots: the DBA, who can read every table, still cannot read
# confidential text, which is encrypted on the client (db/vertrouwelijk.py).
_SLEUTELS = """
CREATE TABLE IF NOT EXISTS "sleutel_slot" ("naam_sleutel" TEXT NOT NULL PRIMARY KEY, "slot" TEXT NOT NULL);;
ALTER TABLE "sleutel_slot" ENABLE ROW LEVEL SECURITY;;
GRANT SELECT ON "schema_versie" TO thuiszit_zorgcoordinator, thuiszit_mentor, thuiszit_lezer;;
GRANT SELECT, INSERT, UPDATE, DELETE ON "sleutel_slot" TO thuiszit_zorgcoordinator;;
GRANT SELECT, UPDATE ON "sleutel_slot" TO thuiszit_mentor, thuiszit_lezer;;
CREATE POLICY zorg ON "sleutel_slot" TO thuiszit_zorgcoordinator
  USING ((SELECT thuiszit_mijn_rol()) = 'zorgcoordinator') WITH CHECK ((SELECT thuiszit_mijn_rol()) = 'zorgcoordinator');;
CREATE POLICY eigen ON "sleutel_slot" TO thuiszit_mentor, thuiszit_lezer
  USING ("naam_sleutel" = session_user::text) WITH CHECK ("naam_sleutel" = session_user::text);;
"""

# Run again by every `server bijwerken` (db/server.py): the rights are the program's current rules, so what was
# granted or allowed before is taken away first, and every function and view is replaced.
_OPNIEUW = f"""
DO $$
DECLARE p record;
BEGIN
  FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
  END LOOP;
END
$$;;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ZORGCOORDINATOR}, {MENTOR}, {LEZER};;
"""

# After a zorgcoördinator was revoked the confidential key is new (services/sleutels.py `roteren_op_server`).
# A colleague's session opened before that still holds the old key: what it would encrypt now, the revoked
# person could read and the others could not. So the server refuses a new envelope unless the session says it
# holds the current key: the client sets `thuiszit.sleutel_id` (a one-way hash of its key, db/server.py) on
# every connection; the trigger compares it with the id the rotation wrote. No id yet: never rotated.
_SLEUTEL_CONTROLE = f"""
CREATE TABLE IF NOT EXISTS "sleutel_versie" ("id" TEXT NOT NULL);;
ALTER TABLE "sleutel_versie" ENABLE ROW LEVEL SECURITY;;
GRANT SELECT, INSERT, UPDATE, DELETE ON "sleutel_versie" TO {ZORGCOORDINATOR};;
CREATE POLICY zorg ON "sleutel_versie" TO {ZORGCOORDINATOR} USING ({_ALS_ZORG}) WITH CHECK ({_ALS_ZORG});;
CREATE OR REPLACE FUNCTION thuiszit_sleutel_controle() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public AS $$
DECLARE
  huidig text := (SELECT "id" FROM "sleutel_versie" LIMIT 1);
  kolom text;
  nieuw text;
BEGIN
  IF huidig IS NULL OR current_setting('thuiszit.sleutel_id', true) IS NOT DISTINCT FROM huidig THEN
    RETURN NEW;
  END IF;
  FOREACH kolom IN ARRAY TG_ARGV LOOP
    nieuw := to_jsonb(NEW) ->> kolom;
    IF nieuw LIKE 'tzv1:%' AND (TG_OP = 'INSERT' OR nieuw IS DISTINCT FROM to_jsonb(OLD) ->> kolom) THEN
      RAISE EXCEPTION 'vertrouwelijke tekst met een sleutel die niet meer geldt' USING ERRCODE = '{SLEUTEL_VERLOPEN}';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;;
""" + "".join(f'CREATE OR REPLACE TRIGGER "{tabel}_sleutel_controle" BEFORE INSERT OR UPDATE ON "{tabel}" '
              f"FOR EACH ROW EXECUTE FUNCTION thuiszit_sleutel_controle({', '.join(repr(k) for k in kolommen)});;\n"
              for tabel, (kolommen, _waar) in KOLOMMEN.items())

# The alleen-lezen overview (services/lezersoverzicht.py): on a file an encrypted file beside the database, here
# one row a zorgcoördinator's session writes and alleen-lezen reads – counts for the whole school, no names.
_LEZER_OVERZICHT = f"""
CREATE TABLE IF NOT EXISTS "lezer_overzicht" ("id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
  "inhoud" TEXT NOT NULL, "gemaakt" TIMESTAMP NOT NULL);;
ALTER TABLE "lezer_overzicht" ENABLE ROW LEVEL SECURITY;;
GRANT SELECT, INSERT, UPDATE ON "lezer_overzicht" TO {ZORGCOORDINATOR};;
GRANT SELECT ON "lezer_overzicht" TO {LEZER};;
CREATE POLICY zorg ON "lezer_overzicht" TO {ZORGCOORDINATOR} USING ({_ALS_ZORG}) WITH CHECK ({_ALS_ZORG});;
CREATE POLICY lezer_lezen ON "lezer_overzicht" FOR SELECT TO {LEZER} USING ({_ALS_LEZER});;
"""

_LEZER_VIEWS = """
CREATE OR REPLACE VIEW "lezer_leerlingen" AS
  SELECT CASE WHEN count(*) >= 5 THEN count(*) END AS "ingeschreven" FROM "leerling"
  WHERE ("uitschrijfdatum" IS NULL OR "uitschrijfdatum" > current_date)
    AND (SELECT thuiszit_gebruiker_id()) IS NOT NULL;;
CREATE OR REPLACE VIEW "lezer_trajecten" AS
  SELECT "categorie", "status", CASE WHEN count(*) >= 5 THEN count(*) END AS "aantal" FROM "traject"
  WHERE (SELECT thuiszit_gebruiker_id()) IS NOT NULL
  GROUP BY "categorie", "status";;
"""


def script(database: str) -> str:
    """Everything for one school database, statements separated by ";;"; run once by its owner."""
    delen = [_GROEPEN, _OPNIEUW, _FUNCTIES, _ANALYSE_INGEVULD, _LOGINS, _LEZER_VIEWS, _SLEUTELS, _SLEUTEL_CONTROLE, _LEZER_OVERZICHT]
    db = '"' + database.replace('"', '""') + '"'
    groepen = f"{ZORGCOORDINATOR}, {MENTOR}, {LEZER}"
    delen.append(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC;;\nGRANT CONNECT ON DATABASE {db} TO {groepen};;\n"
                 f"GRANT USAGE ON SCHEMA public TO {groepen};;\n"
                 f"GRANT TEMPORARY ON DATABASE {db} TO {ZORGCOORDINATOR};;\n"  # the verzuim import's day table
                 "GRANT EXECUTE ON FUNCTION thuiszit_gebruiker_id(), thuiszit_mijn_rol(), thuiszit_mijn_klassen() "
                 f"TO {groepen};;\n"
                 f"GRANT EXECUTE ON FUNCTION thuiszit_analyse_ingevuld(integer) TO {ZORGCOORDINATOR}, {MENTOR};;\n")
    regels = []
    for tabel in ALLE_TABELLEN:
        t = f'"{tabel}"'
        regels.append(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;;")
        if tabel == "audit_regel":
            regels.append(f"GRANT SELECT, INSERT ON {t} TO {ZORGCOORDINATOR};;")
            regels.append(f"GRANT INSERT ON {t} TO {MENTOR}, {LEZER};;")
            regels.append(f"CREATE POLICY zorg_lezen ON {t} FOR SELECT TO {ZORGCOORDINATOR} USING ({_ALS_ZORG});;")
            regels.append(f"CREATE POLICY zorg_toevoegen ON {t} FOR INSERT TO {ZORGCOORDINATOR} "
                          f"WITH CHECK ({_ALS_ZORG});;")
            # Others append only under their own name: no entry in a colleague's name.
            regels.append(f"CREATE POLICY eigen_toevoegen ON {t} FOR INSERT TO {MENTOR}, {LEZER} "
                          f"WITH CHECK ({_EIGEN});;")
            continue
        regels.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {ZORGCOORDINATOR};;")
        if tabel == "concept":  # drafts belong to the user who typed them, whatever the role
            regels.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {MENTOR};;")
            regels.append(f"CREATE POLICY eigen ON {t} TO {ZORGCOORDINATOR}, {MENTOR} USING ({_EIGEN}) "
                          f"WITH CHECK ({_EIGEN});;")
            continue
        regels.append(f"CREATE POLICY zorg ON {t} TO {ZORGCOORDINATOR} USING ({_ALS_ZORG}) WITH CHECK ({_ALS_ZORG});;")
        if tabel in _SCHOOLBREED:
            regels.append(f"GRANT SELECT ON {t} TO {MENTOR};;")
            regels.append(f"CREATE POLICY mentor_lezen ON {t} FOR SELECT TO {MENTOR} USING ({_ALS_MENTOR});;")
            if tabel == "school":
                regels.append(f"GRANT SELECT ON {t} TO {LEZER};;")
                regels.append(f"CREATE POLICY lezer_lezen ON {t} FOR SELECT TO {LEZER} USING ({_ALS_LEZER});;")
            if tabel == "profiel":  # their own profile: name on paper, phone, e-mail
                regels.append(f"GRANT INSERT, UPDATE ON {t} TO {MENTOR};;")
                regels.append(f"CREATE POLICY mentor_eigen ON {t} TO {MENTOR} USING ({_EIGEN}) WITH CHECK ({_EIGEN});;")
        elif tabel in _SCOPE:
            scope = _SCOPE[tabel]
            if tabel == "actiepunt":
                eigen = f"{scope} AND \"eigenaar_gebruiker_id\" = (SELECT thuiszit_gebruiker_id())"
                regels.append(f"GRANT SELECT, INSERT, UPDATE ON {t} TO {MENTOR};;")
                regels.append(f"CREATE POLICY mentor_lezen ON {t} FOR SELECT TO {MENTOR} USING ({scope});;")
                regels.append(f"CREATE POLICY mentor_toevoegen ON {t} FOR INSERT TO {MENTOR} WITH CHECK ({scope});;")
                regels.append(f"CREATE POLICY mentor_eigen ON {t} FOR UPDATE TO {MENTOR} USING ({eigen}) "
                              f"WITH CHECK ({eigen});;")
            elif tabel in _MENTOR_SCHRIJFT:
                regels.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {MENTOR};;")
                regels.append(f"CREATE POLICY mentor ON {t} TO {MENTOR} USING ({scope}) WITH CHECK ({scope});;")
            else:
                regels.append(f"GRANT SELECT ON {t} TO {MENTOR};;")
                regels.append(f"CREATE POLICY mentor ON {t} FOR SELECT TO {MENTOR} USING ({scope});;")
    delen.append("\n".join(regels))
    delen.append(f'GRANT SELECT ON "lezer_leerlingen", "lezer_trajecten" TO {ZORGCOORDINATOR}, {LEZER};;\n')
    delen.append("GRANT EXECUTE ON FUNCTION thuiszit_login_controle(text), thuiszit_login_zetten(text, text, text), "
                 f"thuiszit_login_rol(text, text), thuiszit_login_uit(text) TO {ZORGCOORDINATOR};;\n")
    return "\n".join(delen)
