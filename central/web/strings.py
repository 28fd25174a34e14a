# SPDX-License-Identifier: EUPL-1.2
"""Every word of the web desk, Italian first, then English (one catalog to translate).

The language of a request: ``?lang=`` (remembered in a cookie), else the cookie, else
the browser's Accept-Language, else Italian.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("it", "en")
DEFAULT = "it"

TEXT: dict[str, dict[str, str]] = {
    "desk": {"it": "Sportello esercenti", "en": "Merchant desk"},
    "skip": {"it": "Vai al contenuto", "en": "Skip to content"},
    "other_language": {"it": "English", "en": "Italiano"},
    "login_title": {"it": "Accesso esercenti", "en": "Merchant login"},
    "username": {"it": "Nome utente", "en": "Username"},
    "password": {"it": "Password", "en": "Password"},
    "log_in": {"it": "Entra", "en": "Log in"},
    "log_out": {"it": "Esci", "en": "Log out"},
    "login_wrong": {
        "it": "Nome utente o password non corretti.",
        "en": "Wrong username or password.",
    },
    "login_too_many": {
        "it": "Troppi tentativi sbagliati. Riprovi tra 15 minuti.",
        "en": "Too many wrong attempts. Try again in 15 minutes.",
    },
    "login_revoked": {
        "it": "Questo accesso è stato disattivato. Per riattivarlo si rivolga al Comune.",
        "en": "This login has been switched off. Ask the Comune to switch it on again.",
    },
    "csrf": {
        "it": "La pagina era scaduta: è stata ricaricata, ripeta l'operazione.",
        "en": "The page had expired and was reloaded: please do it again.",
    },
    "nav": {"it": "Menu", "en": "Menu"},
    "accept": {"it": "Accetta un buono", "en": "Accept a voucher"},
    "history": {"it": "Storico", "en": "History"},
    "statement": {"it": "Rendiconto mensile", "en": "Monthly statement"},
    "code": {"it": "Codice del buono", "en": "Voucher code"},
    "code_hint": {
        "it": "Il codice stampato sotto il QR, per esempio ABCD-EFGH-JK.",
        "en": "The code printed under the QR, for example ABCD-EFGH-JK.",
    },
    "check": {"it": "Verifica", "en": "Check"},
    "scan": {"it": "Inquadra il QR con la fotocamera", "en": "Scan the QR with the camera"},
    "scan_camera": {"it": "Fotocamera", "en": "Camera"},
    "scan_looking": {
        "it": "Inquadri il QR del buono, ben illuminato.",
        "en": "Point the camera at the voucher's QR, in good light.",
    },
    "scan_found": {"it": "QR letto: verifica in corso.", "en": "QR read: checking."},
    "scan_no_camera": {
        "it": "La fotocamera non è disponibile: scriva il codice.",
        "en": "The camera is not available: type the code.",
    },
    "voucher": {"it": "Buono", "en": "Voucher"},
    "programme": {"it": "Iniziativa", "en": "Programme"},
    "comune": {"it": "Comune", "en": "Comune"},
    "valid": {"it": "Validità", "en": "Valid"},
    "valid_range": {"it": "dal {start} al {end}", "en": "from {start} to {end}"},
    "worth": {"it": "Valore", "en": "Worth"},
    "left": {"it": "Disponibile", "en": "Left"},
    "units_left": {"it": "{left} su {total}", "en": "{left} of {total}"},
    "state": {"it": "Stato", "en": "State"},
    "state_ok": {"it": "Valido: si può accettare", "en": "Valid: it can be accepted"},
    "amount": {"it": "Importo da scalare (euro)", "en": "Amount to take (euro)"},
    "amount_hint": {
        "it": "Per esempio 12,50. Al massimo {left}.",
        "en": "For example 12.50. At most {left}.",
    },
    "units": {"it": "Quante unità", "en": "How many units"},
    "redeem": {"it": "Incassa il buono", "en": "Redeem the voucher"},
    "redeem_all": {"it": "Incassa tutto", "en": "Redeem all of it"},
    "another": {"it": "Un altro buono", "en": "Another voucher"},
    "receipt_title": {"it": "Buono incassato", "en": "Voucher redeemed"},
    "receipt_number": {"it": "Numero di ricevuta", "en": "Receipt number"},
    "receipt_hint": {
        "it": "Scriva questo numero sullo scontrino.",
        "en": "Write this number on the till receipt.",
    },
    "taken": {"it": "Incassato", "en": "Taken"},
    "bad_amount": {
        "it": "Scriva un importo in euro, per esempio 12,50.",
        "en": "Type an amount in euro, for example 12.50.",
    },
    "refused": {"it": "Buono non accettato", "en": "Voucher not accepted"},
    "refusal_bad_code": {
        "it": "Il codice non è corretto: controlli i caratteri (l'ultimo è di controllo).",
        "en": "The code is not right: check the characters (the last one is a check).",
    },
    "refusal_unknown_voucher": {
        "it": "Questo buono non esiste: potrebbe essere falso.",
        "en": "This voucher does not exist: it may be forged.",
    },
    "refusal_forged_voucher": {
        "it": "Questo buono non è autentico.",
        "en": "This voucher is not genuine.",
    },
    "refusal_sample_voucher": {
        "it": "Questo è un buono di esempio, senza valore.",
        "en": "This is a sample voucher, worth nothing.",
    },
    "refusal_key_revoked": {
        "it": "Questo buono è stato emesso da un dispositivo disattivato: non vale.",
        "en": "This voucher was issued by a device that was switched off: it is void.",
    },
    "refusal_device_revoked": {
        "it": "Questo negozio è stato disattivato dalla piattaforma: il buono non è stato preso.",
        "en": "This shop was switched off by the platform: the voucher was not taken.",
    },
    "refusal_outside_scope": {
        "it": "Questo buono non si può usare nel suo negozio.",
        "en": "This voucher cannot be used in your shop.",
    },
    "refusal_cancelled": {
        "it": "Questo buono è stato annullato.",
        "en": "This voucher was cancelled.",
    },
    "refusal_expired": {"it": "Questo buono è scaduto.", "en": "This voucher has expired."},
    "refusal_not_yet_valid": {
        "it": "Questo buono non è ancora valido.",
        "en": "This voucher is not valid yet.",
    },
    "refusal_redeemed": {
        "it": "Questo buono è già stato usato per intero.",
        "en": "This voucher was already used in full.",
    },
    "refusal_too_much": {
        "it": "L'importo supera quanto resta sul buono.",
        "en": "That is more than is left on the voucher.",
    },
    "refused_title": {"it": "Richiesta non eseguita", "en": "Request not carried out"},
    "refused_404": {
        "it": "Quello che cerca non esiste, o non è tra quelli che il suo accesso può vedere.",
        "en": "What you are looking for does not exist, or is not one your login may see.",
    },
    "refused_403": {
        "it": "La pagina era scaduta: torni indietro, la ricarichi e ripeta l'operazione.",
        "en": "The page had expired: go back, reload it and do it again.",
    },
    "refused_405": {
        "it": "Questo indirizzo non si apre così: usi i pulsanti dello sportello.",
        "en": "This address does not open this way: use the desk's buttons.",
    },
    "refused_413": {
        "it": "Il modulo inviato è troppo grande.",
        "en": "The form sent is too large.",
    },
    "refused_form": {
        "it": "Il modulo inviato non è leggibile: lo invii di nuovo dalla pagina dello sportello.",
        "en": "The form sent cannot be read: send it again from the desk's page.",
    },
    "refused_busy": {
        "it": "Lo sportello è molto occupato in questo momento: riprovi tra qualche secondo.",
        "en": "The desk is very busy right now: try again in a few seconds.",
    },
    "refused_other": {
        "it": "La richiesta non può essere eseguita. Riprovi più tardi.",
        "en": "The request cannot be carried out. Try again later.",
    },
    "back_to_desk": {"it": "Torna allo sportello", "en": "Back to the desk"},
    "refusal_other": {
        "it": "Il buono non può essere accettato. Riprovi o chiami il Comune.",
        "en": "The voucher cannot be accepted. Try again or call the Comune.",
    },
    "when": {"it": "Data", "en": "Date"},
    "none_yet": {"it": "Ancora nessun buono incassato.", "en": "No vouchers redeemed yet."},
    "month": {"it": "Mese", "en": "Month"},
    "count": {"it": "Buoni", "en": "Vouchers"},
    "total": {"it": "Totale", "en": "Total"},
    "total_units": {"it": "Unità", "en": "Units"},
    "merchant": {"it": "Esercente", "en": "Merchant"},
    "iban": {"it": "IBAN", "en": "IBAN"},
    "download_csv": {"it": "Scarica CSV", "en": "Download CSV"},
    "download_xlsx": {"it": "Scarica Excel", "en": "Download Excel"},
    "page_not_found": {"it": "Pagina non trovata.", "en": "Page not found."},
    # Comune staff: the fleet page of their kiosks (central/web/staff.py).
    "staff_desk": {"it": "Sportello del Comune", "en": "Comune desk"},
    "fleet": {"it": "Totem", "en": "Kiosks"},
    "fleet_title": {"it": "I totem dei Social Point", "en": "The Social Points' kiosks"},
    "fleet_scope": {"it": "Comuni: {comuni}", "en": "Comuni: {comuni}"},
    # The thresholds of central/fleet.py thresholds(): of each kiosk's own interval.
    "fleet_counts": {
        "it": "{online} attivi, {late} in ritardo, {silent} silenziosi (in ritardo: nessun"
        " segnale per 2,4 volte l'intervallo del totem, almeno {minutes} minuti;"
        " silenziosi: per 12 volte, almeno un'ora).",
        "en": "{online} online, {late} late, {silent} silent (late: no heartbeat for 2.4"
        " times the kiosk's heartbeat interval, at least {minutes} minutes; silent: for"
        " 12 times, at least an hour).",
    },
    "fleet_none": {
        "it": "Nessun totem dei suoi Comuni ha ancora dato notizie.",
        "en": "No kiosk of your Comuni has reported yet.",
    },
    "kiosk": {"it": "Totem", "en": "Kiosk"},
    "state_online": {"it": "attivo", "en": "online"},
    "state_late": {"it": "in ritardo", "en": "late"},
    "state_silent": {"it": "silenzioso", "en": "silent"},
    "last_heard": {"it": "Ultimo segnale", "en": "Last heard"},
    "ago": {"it": "{age} fa", "en": "{age} ago"},
    "version": {"it": "Versione", "en": "Version"},
    "printer": {"it": "Stampante", "en": "Printer"},
    "print_queue": {"it": "In stampa", "en": "Print queue"},
    "oldest_unsent": {"it": "Dati non inviati da", "en": "Oldest unsent"},
    "clock": {"it": "Orologio", "en": "Clock"},
    "last_sync": {"it": "Ultima sincronizzazione (UTC)", "en": "Last sync (UTC)"},
    "alerts": {"it": "Avvisi", "en": "Alerts"},
    "log": {"it": "Registro", "en": "Log"},
    "ask_log": {"it": "Chiedi il registro", "en": "Ask for its log"},
    "log_asked": {
        "it": "Chiesto: arriva con la prossima sincronizzazione.",
        "en": "Asked: it comes with the next sync.",
    },
    "log_of": {"it": "registro del {when}", "en": "log of {when}"},
    "printer_ready": {"it": "pronta", "en": "ready"},
    "printer_not_a_printer": {"it": "non è una stampante", "en": "not a printer"},
    "printer_no_status": {"it": "pronta (senza stato)", "en": "ready (no status)"},
    "printer_no_printer": {"it": "nessuna stampante", "en": "no printer"},
    "printer_paper_out": {"it": "carta finita", "en": "out of paper"},
    "printer_paper_low": {"it": "carta in esaurimento", "en": "paper running out"},
    "printer_cover_open": {"it": "sportello aperto", "en": "printer cover open"},
    "printer_offline": {"it": "stampante spenta", "en": "printer offline"},
    "printer_unreachable": {"it": "stampante non raggiungibile", "en": "printer unreachable"},
    "printer_no_answer": {"it": "la stampante non risponde", "en": "printer not answering"},
    "alert_printer": {"it": "{printer}", "en": "{printer}"},
    "alert_unsent": {
        "it": "dati non inviati da {hours} ore",
        "en": "records unsent for {hours} hours",
    },
    "alert_clock": {"it": "orologio sfasato di {skew:+d} s", "en": "clock off by {skew:+d} s"},
    "alert_old_version": {
        "it": "versione vecchia {version} (la più recente è {newest})",
        "en": "old version {version} (newest {newest})",
    },
    "alert_unknown_version": {
        "it": "versione {version} sconosciuta alla piattaforma (la più recente è {newest})",
        "en": "version {version} unknown to the platform (newest {newest})",
    },
    "alert_rejected": {"it": "{count} dati rifiutati", "en": "{count} rejected records"},
    "alert_set_aside": {
        "it": "{count} dati della piattaforma messi da parte",
        "en": "{count} platform records set aside",
    },
    "alert_disk": {"it": "disco quasi pieno: {mb} MB liberi", "en": "{mb} MB of disk left"},
    "alert_no_sync": {
        "it": "nessuna sincronizzazione da {hours} ore",
        "en": "no sync for {hours} hours",
    },
    # Comune staff: applications, decisions and the audit log (central/web/comune.py).
    "applications": {"it": "Domande", "en": "Applications"},
    "applications_title": {"it": "Domande ricevute", "en": "Applications received"},
    "filter": {"it": "Filtra", "en": "Filter"},
    "call": {"it": "Bando", "en": "Call"},
    "all_calls": {"it": "Tutti i bandi", "en": "All calls"},
    "all_states": {"it": "Tutti gli stati", "en": "All states"},
    "date_from": {"it": "Ricevute dal", "en": "Received from"},
    "date_to": {"it": "al", "en": "to"},
    "bad_date": {
        "it": "Una data non è valida: scriva giorno, mese e anno.",
        "en": "A date is not valid: give day, month and year.",
    },
    "protocol": {"it": "Protocollo", "en": "Protocol"},
    "received": {"it": "Ricevuta", "en": "Received"},
    "applicant": {"it": "Richiedente", "en": "Applicant"},
    "no_applications": {
        "it": "Nessuna domanda con questi filtri.",
        "en": "No application matches these filters.",
    },
    "shown_count": {"it": "{count} domande", "en": "{count} applications"},
    "application_title": {"it": "Domanda {protocol}", "en": "Application {protocol}"},
    "answers": {"it": "Risposte", "en": "Answers"},
    "channel": {"it": "Canale", "en": "Channel"},
    "channel_kiosk": {"it": "totem, in autonomia", "en": "kiosk, on their own"},
    "channel_kiosk_assisted": {"it": "totem, con un operatore", "en": "kiosk, assisted"},
    "suggested": {"it": "Importo calcolato dal bando", "en": "Amount the call computes"},
    "decision": {"it": "Stato della domanda", "en": "State of the application"},
    "new_state": {"it": "Nuovo stato", "en": "New state"},
    "note": {"it": "Nota per il cittadino (facoltativa)", "en": "Note for the citizen (optional)"},
    "note_hint": {
        "it": "Il cittadino la legge al totem cercando la domanda. Niente dati di altre persone.",
        "en": "The citizen reads it at the kiosk when looking the application up."
        " No one else's data.",
    },
    "note_en": {
        "it": "La stessa nota in inglese (facoltativa)",
        "en": "The same note in English (optional)",
    },
    "note_en_hint": {
        "it": "Chi usa il totem in inglese legge questa; chi lo usa in un'altra lingua legge"
        " quella in italiano.",
        "en": "Who uses the kiosk in English reads this one; in any other language, the"
        " Italian one.",
    },
    "note_needs_italian": {
        "it": "Scriva la nota anche in italiano: è quella che leggono tutti gli altri.",
        "en": "Write the note in Italian too: everyone else reads that one.",
    },
    "save_state": {"it": "Pubblica lo stato", "en": "Publish the state"},
    "saved": {
        "it": "Stato pubblicato: arriva ai totem con la prossima sincronizzazione.",
        "en": "State published: it reaches the kiosks with their next sync.",
    },
    "bad_state": {"it": "Scelga uno stato dall'elenco.", "en": "Choose a state from the list."},
    "changed_meanwhile": {
        "it": "Un collega ha cambiato lo stato della domanda nel frattempo: nulla è stato "
        "salvato. Legga lo stato attuale qui sopra e decida di nuovo.",
        "en": "A colleague changed the application's state meanwhile: nothing was saved. "
        "Read its state above and decide again.",
    },
    "note_unreadable": {
        "it": "La nota contiene caratteri che i totem non possono mostrare: la riscriva.",
        "en": "The note holds characters the kiosks cannot show: write it again.",
    },
    "note_too_long": {
        "it": "La nota è troppo lunga (al massimo 1000 caratteri).",
        "en": "The note is too long (1000 characters at most).",
    },
    "back_to_list": {"it": "Torna alle domande", "en": "Back to the applications"},
    "app_state_received": {"it": "ricevuta", "en": "received"},
    "app_state_in_review": {"it": "in istruttoria", "en": "in review"},
    "app_state_needs_documents": {"it": "servono documenti", "en": "documents needed"},
    "app_state_admitted": {"it": "ammessa", "en": "admitted"},
    "app_state_not_admitted": {"it": "non ammessa", "en": "not admitted"},
    "audit": {"it": "Registro azioni", "en": "Audit log"},
    "audit_title": {"it": "Registro delle azioni", "en": "Audit log"},
    "audit_none": {"it": "Ancora nessuna azione registrata.", "en": "No action recorded yet."},
    "audit_more": {
        "it": "Qui sono mostrate le {shown} azioni più recenti; ce ne sono altre, più"
        " vecchie: i file CSV ed Excel le contengono tutte.",
        "en": "The {shown} most recent actions are shown here; there are older ones too:"
        " the CSV and Excel files hold them all.",
    },
    "who": {"it": "Chi", "en": "Who"},
    "what": {"it": "Cosa", "en": "What"},
    "on_what": {"it": "Su cosa", "en": "On what"},
    "detail": {"it": "Dettagli", "en": "Details"},
    "action_viewed": {"it": "ha aperto la domanda", "en": "opened the application"},
    "action_decided": {"it": "ha cambiato lo stato", "en": "changed the state"},
    "action_issued_voucher": {"it": "ha emesso un buono", "en": "issued a voucher"},
    "action_set_credit": {"it": "ha impostato un credito", "en": "set a credit"},
    "action_imported": {"it": "ha importato un file", "en": "imported a file"},
    "action_exported": {"it": "ha esportato", "en": "exported"},
    # Buoni spesa and credits for admitted applicants (central/web/grants.py).
    "grants": {"it": "Buoni da file", "en": "Vouchers from a file"},
    "grants_title": {
        "it": "Buoni spesa e crediti da un file CSV",
        "en": "Buoni spesa and credits from a CSV file",
    },
    "grants_help": {
        "it": "Una riga per domanda ammessa, con le colonne protocollo; tipo (buono o"
        " credito); iniziativa; importo (euro, per esempio 150,00); giorni (validità del"
        " buono, 60 se vuoto). Il file è controllato riga per riga: se una riga ha un"
        " errore non viene emesso niente.",
        "en": "One line per admitted application, with the columns protocol; kind (voucher"
        " or credit); programme; amount (euro, for example 150.00); valid_days (60 when"
        " empty). Every line is checked: if one has a problem, nothing is issued.",
    },
    "grants_file": {"it": "File CSV", "en": "CSV file"},
    "grants_import": {"it": "Controlla ed emetti", "en": "Check and issue"},
    "grants_done": {
        "it": "File importato: {lines} righe, {vouchers} buoni emessi.",
        "en": "File imported: {lines} lines, {vouchers} vouchers issued.",
    },
    "grants_refused": {
        "it": "Il file non è stato importato e non è stato emesso niente. Correggere:",
        "en": "The file was not imported and nothing was issued. Please correct:",
    },
    "grants_refused_one": {
        "it": "Non è stato emesso niente:",
        "en": "Nothing was issued:",
    },
    "on_line": {"it": "Riga {line}: {text}", "en": "Line {line}: {text}"},
    "grant_no_application": {
        "it": "nessuna domanda {detail} tra quelle del suo Comune.",
        "en": "no application {detail} among your Comune's.",
    },
    "grant_not_admitted": {
        "it": "la domanda {detail} non è ammessa.",
        "en": "application {detail} is not admitted.",
    },
    "grant_credit_of_other_comune": {
        "it": "la domanda {detail}: questa persona ha un credito welfare di un altro Comune"
        " (o dell'intera rete), non ancora speso, che da qui non si può sostituire.",
        "en": "application {detail}: this person holds another Comune's (or the whole"
        " network's) welfare credit, not spent yet, which cannot be replaced from here.",
    },
    "grant_wallet_of_other_comune": {
        "it": "la domanda {detail}: il portafoglio di questa persona appartiene a un altro"
        " Comune, che ne ha impostato il PIN; un credito o un buono di questo Comune"
        " finirebbe ai chioschi di quel Comune. Può assegnarlo solo il Comune del"
        " portafoglio.",
        "en": "application {detail}: this person's wallet belongs to another Comune, which"
        " set its PIN; a credit or buono of this Comune would go to that Comune's kiosks."
        " Only the wallet's Comune can grant it.",
    },
    "grant_repeated_application": {
        "it": "la domanda {detail} è già alla riga {first}: una sola riga per domanda.",
        "en": "application {detail} is already on line {first}: one line per application.",
    },
    "grant_repeated_credit": {
        "it": "la domanda {detail} è della stessa persona della riga {first}, che ha già un"
        " credito in questo file: una persona ha un solo credito.",
        "en": "application {detail} is of the same person as line {first}, who already has"
        " a credit in this file: a person holds one credit.",
    },
    "grant_bad_kind": {
        "it": "tipo «{detail}» sconosciuto: scriva buono o credito.",
        "en": "unknown kind «{detail}»: write voucher or credit.",
    },
    "grant_bad_amount": {
        "it": "importo «{detail}» non valido: per esempio 150,00.",
        "en": "amount «{detail}» is not valid: for example 150.00.",
    },
    "grant_extra_cells": {
        "it": "la riga ha più celle delle colonne dell'intestazione (in più: «{detail}»),"
        " e non è stata letta. Se un importo ha la virgola (150,50) in un file con la"
        ' virgola tra le colonne, lo scriva tra virgolette ("150,50") o salvi il file'
        " con il punto e virgola (;) tra le colonne.",
        "en": "the line has more cells than the header has columns (extra: «{detail}»),"
        " and was not read. If an amount has a decimal comma (150,50) in a file with"
        ' commas between columns, put it in quotes ("150,50") or save the file with'
        " semicolons (;) between columns.",
    },
    "grant_missing_cells": {
        "it": "la riga ha solo {detail} celle, meno delle colonne richieste (protocollo,"
        " tipo, iniziativa, importo): la completi.",
        "en": "the line has only {detail} cells, fewer than the required columns (protocol,"
        " kind, programme, amount): complete it.",
    },
    "grant_bad_amount_cents": {
        "it": "l'importo deve essere più di zero e al massimo 100.000 €.",
        "en": "the amount must be more than zero and at most €100,000.",
    },
    "grant_bad_balance_cents": {
        "it": "il credito deve essere tra 0 e 1.000.000 €.",
        "en": "the credit must be between €0 and €1,000,000.",
    },
    "grant_bad_days": {
        "it": "giorni di validità «{detail}» non validi: un numero da 1 a 730.",
        "en": "valid days «{detail}» are not valid: a number from 1 to 730.",
    },
    "grant_bad_valid_days": {
        "it": "i giorni di validità vanno da 1 a 730.",
        "en": "valid days go from 1 to 730.",
    },
    "grant_bad_programme": {
        "it": "manca il nome dell'iniziativa (o è troppo lungo).",
        "en": "the programme's name is missing (or too long).",
    },
    "grant_programme_control": {
        "it": "il nome dell'iniziativa contiene caratteri di controllo (invisibili): lo riscriva.",
        "en": "the programme's name holds control (invisible) characters: type it again.",
    },
    "grant_bad_cf": {
        "it": "il codice fiscale della domanda non è valido.",
        "en": "the application's codice fiscale is not valid.",
    },
    "grant_bad_line": {"it": "riga non valida ({detail}).", "en": "line not valid ({detail})."},
    "grant_missing_columns": {
        "it": "mancano le colonne: {detail}.",
        "en": "columns missing: {detail}.",
    },
    "grant_repeated_column": {
        "it": "colonna ripetuta: {detail}. Ogni colonna va scritta una volta sola.",
        "en": "column repeated: {detail}. Each column must be there once only.",
    },
    "grant_too_many_lines": {
        "it": "troppe righe (al massimo {detail}): divida il file.",
        "en": "too many lines (at most {detail}): split the file.",
    },
    "grant_file_too_large": {"it": "il file è troppo grande.", "en": "the file is too large."},
    "grant_not_utf8": {
        "it": "il file non è un CSV in UTF-8: lo salvi come «CSV UTF-8».",
        "en": "the file is not a UTF-8 CSV: save it as «CSV UTF-8».",
    },
    "grant_empty_file": {"it": "il file è vuoto.", "en": "the file is empty."},
    "grant_unreadable_csv": {
        "it": "il file non si legge come CSV (una cella troppo lunga?).",
        "en": "the file cannot be read as CSV (a cell too long?).",
    },
    "grant_already_issued": {
        "it": "questo modulo è già stato inviato il {detail}: nulla emesso di nuovo.",
        "en": "this form was already sent on {detail}: nothing issued again.",
    },
    "grant_already_imported": {
        "it": (
            "questo file, o uno con le stesse righe, è già stato importato il {detail}:"
            " nessun buono emesso di nuovo."
        ),
        "en": (
            "this file, or one with the same lines, was already imported on {detail}:"
            " no buono issued again."
        ),
    },
    "grant_already_granted": {
        "it": (
            "la stessa assegnazione (stesso tipo, iniziativa e importo) a questa domanda è già"
            " stata fatta il {detail}, da questa pagina, da un'altra scheda o da un file:"
            " niente emesso di nuovo (un credito tornerebbe all'importo pieno anche se in"
            " parte speso). Se è una nuova decisione, la ripeta fra 7 giorni o cambi l'importo."
        ),
        "en": (
            "the same grant (same kind, programme and amount) to this application was"
            " already made on {detail}, from this page, another tab or a file: nothing"
            " issued again (a credit would go back to its full amount even if partly"
            " spent). If it is a new decision, repeat it in 7 days or change the amount."
        ),
    },
    "issue_voucher": {"it": "Emetti un buono spesa", "en": "Issue a buono spesa"},
    "issue_hint": {
        "it": "Firmato dalla piattaforma e messo nel portafoglio del cittadino: lo stampa"
        " al totem con il suo PIN.",
        "en": "Signed by the platform and put in the citizen's wallet: they print it at the"
        " kiosk with their PIN.",
    },
    "programme_name": {"it": "Iniziativa", "en": "Programme"},
    "amount_euro": {"it": "Importo (euro)", "en": "Amount (euro)"},
    "valid_days": {"it": "Giorni di validità", "en": "Days valid"},
    "issue": {"it": "Emetti il buono", "en": "Issue the voucher"},
    "set_credit": {"it": "Imposta il credito welfare", "en": "Set the welfare credit"},
    "credit_euro": {"it": "Credito (euro)", "en": "Credit (euro)"},
    "set": {"it": "Imposta il credito", "en": "Set the credit"},
    "issued": {
        "it": "Buono emesso: {code}. Arriva ai totem con la prossima sincronizzazione.",
        "en": "Voucher issued: {code}. It reaches the kiosks with their next sync.",
    },
    "credit_set": {"it": "Credito impostato.", "en": "Credit set."},
    "granted": {"it": "Già concessi", "en": "Granted so far"},
    # Reconciliation: what the Comune owes each shop (central/web/reconciliation.py).
    "reconciliation": {"it": "Rendicontazione", "en": "Reconciliation"},
    "reconciliation_title": {
        "it": "Rendicontazione dei buoni incassati",
        "en": "Reconciliation of redeemed vouchers",
    },
    "reconciliation_help": {
        "it": "I buoni dei suoi Comuni incassati da ogni esercente, mese per mese: l'importo"
        " è quanto il Comune deve all'esercente; le unità dei buoni servizio si pagano al"
        " prezzo concordato.",
        "en": "Your Comuni's vouchers each shop redeemed, month by month: the amount is"
        " what the Comune owes the shop; units of service vouchers are paid at the agreed"
        " price.",
    },
    "all_months": {"it": "Tutti i mesi", "en": "All months"},
    "show": {"it": "Mostra", "en": "Show"},
    "owed": {"it": "Da pagare (euro)", "en": "Owed (euro)"},
    "programme_or_service": {"it": "Iniziativa o servizio", "en": "Programme or service"},
    "grand_total": {"it": "Totale", "en": "Total"},
    "no_redemptions": {
        "it": "Nessun buono dei suoi Comuni è stato ancora incassato.",
        "en": "No voucher of your Comuni has been redeemed yet.",
    },
    "print": {
        "it": "Per stampare, usi la stampa del browser.",
        "en": "To print, use the browser's print.",
    },
    # Services and calls of the Comune (central/web/publishing.py).
    "catalog": {"it": "Servizi e bandi", "en": "Services and calls"},
    "catalog_title": {"it": "Servizi e bandi del Comune", "en": "The Comune's services and calls"},
    "catalog_help": {
        "it": "Quello che pubblica qui arriva ai totem dei suoi Comuni con la prossima"
        " sincronizzazione; quello che ritira sparisce dai totem. I servizi offerti anche ad"
        " altri Comuni li gestisce la rete Welfare Bene Comune.",
        "en": "What you publish here reaches the kiosks of your Comuni with their next sync;"
        " what you withdraw disappears from them. Services offered to other Comuni too are"
        " managed by the Welfare Bene Comune network.",
    },
    "catalog_services": {"it": "Servizi", "en": "Services"},
    "catalog_calls": {"it": "Bandi e contributi", "en": "Calls and subsidies"},
    "catalog_no_services": {
        "it": "Nessun servizio solo per i suoi Comuni.",
        "en": "No service only for your Comuni.",
    },
    "catalog_no_calls": {"it": "Nessun bando dei suoi Comuni.", "en": "No call of your Comuni."},
    "catalog_done_published": {
        "it": "Pubblicato: {id}. Arriva ai totem con la prossima sincronizzazione.",
        "en": "Published: {id}. It reaches the kiosks with their next sync.",
    },
    "catalog_done_edited": {
        "it": "Modifiche pubblicate: {id}. Arrivano ai totem con la prossima sincronizzazione.",
        "en": "Changes published: {id}. They reach the kiosks with their next sync.",
    },
    "catalog_done_withdrawn": {
        "it": "Ritirato: {id}. Sparisce dai totem con la prossima sincronizzazione.",
        "en": "Withdrawn: {id}. It disappears from the kiosks with their next sync.",
    },
    "catalog_done_closed": {
        "it": "Bando chiuso: {id}. Ha già ricevuto domande, che restano consultabili; i totem"
        " non lo offrono più dalla prossima sincronizzazione.",
        "en": "Call closed: {id}. It had received applications, which remain available; the"
        " kiosks stop offering it from their next sync.",
    },
    "services_new_title": {"it": "Nuovo servizio", "en": "New service"},
    "calls_new_title": {"it": "Nuovo bando", "en": "New call"},
    "services_edit_title": {"it": "Servizio {id}", "en": "Service {id}"},
    "calls_edit_title": {"it": "Bando {id}", "en": "Call {id}"},
    "services_form_help": {
        "it": "I campi sono controllati come li controllano i totem. I testi in altre lingue"
        " già pubblicati restano come sono.",
        "en": "The fields are checked as the kiosks check them. Texts in other languages"
        " already published stay as they are.",
    },
    "calls_form_help": {
        "it": "I campi sono controllati come li controllano i totem. Date e ore sono quelle"
        " italiane.",
        "en": "The fields are checked as the kiosks check them. Dates and times are Italian time.",
    },
    "back_to_catalog": {"it": "Torna a servizi e bandi", "en": "Back to services and calls"},
    "record_refused": {
        "it": "Non è stato pubblicato nulla. Corregga questi campi:",
        "en": "Nothing was published. Please correct these fields:",
    },
    "optional": {"it": "(facoltativo)", "en": "(optional)"},
    "choose": {"it": "Scelga…", "en": "Choose…"},
    "field_id": {"it": "Codice", "en": "Code"},
    "field_comune": {"it": "Comune", "en": "Comune"},
    "field_kind": {"it": "Tipo di bando", "en": "Kind of call"},
    "field_title_it": {"it": "Titolo in italiano", "en": "Title in Italian"},
    "field_title_en": {"it": "Titolo in inglese", "en": "Title in English"},
    "field_description_it": {"it": "Descrizione in italiano", "en": "Description in Italian"},
    "field_description_en": {"it": "Descrizione in inglese", "en": "Description in English"},
    "field_category": {"it": "Categoria", "en": "Category"},
    "field_provider": {"it": "Chi lo offre", "en": "Provider"},
    "field_booking": {"it": "Come si ottiene", "en": "How it is obtained"},
    "field_price": {"it": "Prezzo (euro)", "en": "Price (euro)"},
    "field_unit": {"it": "Unità del prezzo", "en": "Unit of the price"},
    "field_residents_of": {"it": "Per i residenti di", "en": "For residents of"},
    "field_keywords": {"it": "Parole per la ricerca", "en": "Search words"},
    "field_opens_at": {"it": "Apertura", "en": "Opens"},
    "field_closes_at": {"it": "Chiusura", "en": "Closes"},
    "field_budget": {"it": "Fondi stanziati (euro)", "en": "Budget (euro)"},
    "field_form": {"it": "Modulo di domanda", "en": "Application form"},
    "field_eligibility": {"it": "Requisiti", "en": "Requirements"},
    "field_documents": {"it": "Documenti da portare", "en": "Documents to bring"},
    "hint_id": {
        "it": "Lettere senza accenti, cifre, punto, trattino: per esempio piazzola-pasti-2026."
        " Non si cambia più.",
        "en": "Letters without accents, digits, dot, dash: for example piazzola-meals-2026."
        " It cannot be changed later.",
    },
    "hint_booking": {
        "it": "Se si acquista o si prenota, servono prezzo e unità.",
        "en": "If it is bought or booked, a price and a unit are needed.",
    },
    "hint_price": {"it": "Per esempio 12,50.", "en": "For example 12.50."},
    "hint_residents_of": {
        "it": "Almeno uno dei suoi Comuni.",
        "en": "At least one of your Comuni.",
    },
    "hint_keywords": {
        "it": "Separate da virgole: le parole che un cittadino potrebbe cercare.",
        "en": "Separated by commas: the words a citizen might search for.",
    },
    "hint_when": {"it": "Giorno e ora, ora italiana.", "en": "Day and time, Italian time."},
    "hint_budget": {"it": "Per esempio 40.000,00.", "en": "For example 40000.00."},
    "hint_form": {
        "it": "Senza modulo, il totem mostra il bando ma non raccoglie domande.",
        "en": "Without a form, the kiosk shows the call but takes no applications.",
    },
    "hint_lines": {"it": "Una voce per riga.", "en": "One item per line."},
    "call_kind_voucher": {"it": "Buoni", "en": "Vouchers"},
    "call_kind_contributo": {"it": "Contributo", "en": "Contribution"},
    "call_kind_sussidio": {"it": "Sussidio", "en": "Subsidy"},
    "booking_buy_now": {"it": "Si acquista al totem", "en": "Bought at the kiosk"},
    "booking_request_quote": {"it": "Su preventivo", "en": "On quotation"},
    "booking_book_slot": {"it": "Si prenota al totem", "en": "Booked at the kiosk"},
    "booking_info_only": {"it": "Solo informazioni", "en": "Information only"},
    "no_unit": {"it": "Nessuna (solo informazioni)", "en": "None (information only)"},
    "unit_ora": {"it": "all'ora", "en": "per hour"},
    "unit_giorno": {"it": "al giorno", "en": "per day"},
    "unit_settimana": {"it": "alla settimana", "en": "per week"},
    "unit_mese": {"it": "al mese", "en": "per month"},
    "unit_pasto": {"it": "a pasto", "en": "per meal"},
    "unit_seduta": {"it": "a seduta", "en": "per session"},
    "unit_pacchetto": {"it": "a pacchetto", "en": "per package"},
    "unit_corsa": {"it": "a corsa", "en": "per ride"},
    "unit_consegna": {"it": "a consegna", "en": "per delivery"},
    "unit_kg": {"it": "al chilo", "en": "per kilo"},
    "unit_accesso": {"it": "a ingresso", "en": "per visit"},
    "no_form": {"it": "Nessun modulo", "en": "No form"},
    "publish": {"it": "Pubblica", "en": "Publish"},
    "publish_changes": {"it": "Pubblica le modifiche", "en": "Publish the changes"},
    "withdraw_title": {"it": "Ritira dai totem", "en": "Withdraw from the kiosks"},
    "withdraw": {"it": "Ritira", "en": "Withdraw"},
    "withdraw_confirm": {
        "it": "Confermo: i totem non lo offrono più",
        "en": "I confirm: the kiosks no longer offer it",
    },
    "services_withdraw_help": {
        "it": "Il servizio sparisce dai totem alla prossima sincronizzazione.",
        "en": "The service disappears from the kiosks at their next sync.",
    },
    "calls_withdraw_help": {
        "it": "Il bando sparisce dai totem alla prossima sincronizzazione. Se ha già ricevuto"
        " domande viene chiuso adesso invece che cancellato, così le domande restano"
        " consultabili.",
        "en": "The call disappears from the kiosks at their next sync. If it has received"
        " applications it is closed now instead of deleted, so they remain available.",
    },
    "problem_missing": {"it": "Manca: è obbligatorio.", "en": "Missing: it is required."},
    "problem_too_long": {
        "it": "Troppo lungo: al massimo {limit} caratteri.",
        "en": "Too long: at most {limit} characters.",
    },
    "problem_too_many": {
        "it": "Troppe voci: al massimo {limit}.",
        "en": "Too many items: at most {limit}.",
    },
    "problem_too_few": {"it": "Scelga almeno una voce.", "en": "Choose at least one item."},
    "problem_empty": {
        "it": "È vuoto (o contiene caratteri di controllo): scriva un testo.",
        "en": "It is empty (or holds control characters): write a text.",
    },
    "problem_control": {
        "it": "Contiene caratteri di controllo: li tolga.",
        "en": "It holds control characters: remove them.",
    },
    "problem_identifier": {
        "it": "Codice non valido: lettere senza accenti, cifre, punto, trattino, trattino"
        " basso o chiocciola, al massimo 64, senza spazi.",
        "en": "Not a valid code: letters without accents, digits, dot, dash, underscore or"
        " at sign, at most 64, no spaces.",
    },
    "problem_pattern": {"it": "Non è nella forma attesa.", "en": "Not in the expected form."},
    "problem_choice": {
        "it": "Scelga una delle voci dell'elenco.",
        "en": "Choose one of the items of the list.",
    },
    "problem_range": {
        "it": "Fuori dai limiti ammessi ({limit}).",
        "en": "Outside the allowed limits ({limit}).",
    },
    "problem_changed_meanwhile": {
        "it": "Un collega ha modificato (o ritirato) questa scheda dopo che lei ha aperto il"
        " modulo: non è stato salvato niente, per non annullare la sua modifica. Riapra la"
        " scheda dal catalogo per vedere la versione attuale e rifaccia le sue modifiche.",
        "en": "A colleague changed (or withdrew) this record after you opened the form:"
        " nothing was saved, so as not to undo their change. Open the record again from the"
        " catalog to see the current version and make your changes again.",
    },
    "problem_amount_over": {
        "it": "Importo troppo alto: al massimo {limit}.",
        "en": "Amount too high: at most {limit}.",
    },
    "problem_amount_negative": {
        "it": "L'importo non può essere negativo.",
        "en": "The amount cannot be negative.",
    },
    "problem_date": {
        "it": "Data e ora non valide: per esempio 31/12/2026 12:00.",
        "en": "Not a valid date and time: for example 31/12/2026 12:00.",
    },
    "problem_timezone": {
        "it": "Data e ora senza fuso orario: le scriva nell'ora del Comune, per esempio"
        " 31/12/2026 12:00.",
        "en": "A date and time without a time zone: give it in the Comune's time, for example"
        " 31/12/2026 12:00.",
    },
    "problem_type": {"it": "Valore non valido.", "en": "Not a valid value."},
    "problem_rule": {"it": "Non accettato: {text}.", "en": "Not accepted: {text}."},
    "problem_amount": {
        "it": "Importo non valido: per esempio 12,50.",
        "en": "Not a valid amount: for example 12.50.",
    },
    "problem_taken": {
        "it": "Questo codice è già usato: ne scelga un altro.",
        "en": "This code is already used: choose another one.",
    },
    "problem_not_yours": {
        "it": "Scelga solo i suoi Comuni (almeno uno).",
        "en": "Choose only your own Comuni (at least one).",
    },
    "problem_refused": {
        "it": "La piattaforma non l'ha accettato: {text}.",
        "en": "The platform did not accept it: {text}.",
    },
    "problem_confirm": {
        "it": "Spunti la conferma per ritirarlo.",
        "en": "Tick the confirmation to withdraw it.",
    },
    "problem_needs_price": {
        "it": "Un servizio che si acquista o si prenota ha bisogno di prezzo e unità.",
        "en": "A service that is bought or booked needs a price and a unit.",
    },
    "problem_closes_first": {
        "it": "La chiusura deve venire dopo l'apertura.",
        "en": "The closing must come after the opening.",
    },
    "problem_no_italian": {
        "it": "Manca il testo in italiano.",
        "en": "The Italian text is missing.",
    },
    "action_published": {"it": "ha pubblicato", "en": "published"},
    "action_edited": {"it": "ha modificato", "en": "edited"},
    "action_withdrawn": {"it": "ha ritirato", "en": "withdrew"},
    "action_closed": {"it": "ha chiuso il bando", "en": "closed the call"},
    "action_log_requested": {
        "it": "ha chiesto il registro del totem",
        "en": "asked the kiosk for its log",
    },
}


def pick_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The first of ``?lang=``, the cookie and Accept-Language that the desk speaks."""
    for choice in (query, cookie):
        if choice in LANGUAGES:
            return choice
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-weight, position, tag.strip().lower()[:2]))
    for _weight, _position, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return DEFAULT


def translator(language: str) -> Callable[..., str]:
    """``t("key", name=value)``: the text in ``language`` with its fields filled in."""

    def t(key: str, **fields: object) -> str:
        text = TEXT[key][language]
        return text.format(**fields) if fields else text

    return t


def money(cents: int, language: str) -> str:
    euros, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    if language == "it":
        grouped = f"{euros:,}".replace(",", ".")
        return f"{sign}{grouped},{rest:02d} €"
    return f"{sign}€{euros:,}.{rest:02d}"
