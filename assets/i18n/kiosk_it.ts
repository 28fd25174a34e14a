<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: EUPL-1.2 -->
<TS version="2.1" language="it_IT">
    <context>
        <name>Answers</name>
        <message>
            <location filename="../../forms/answers.py" line="31" />
            <source>This answer is required.</source>
            <translation>Questa risposta è obbligatoria.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="32" />
            <source>Please type some text.</source>
            <translation>Scrivi un testo.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="33" />
            <source>Type at least %n character(s).</source>
            <translation>
                <numerusform>Scrivi almeno %n carattere.</numerusform>
                <numerusform>Scrivi almeno %n caratteri.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../forms/answers.py" line="34" />
            <source>Type at most %n character(s).</source>
            <translation>
                <numerusform>Scrivi al massimo %n carattere.</numerusform>
                <numerusform>Scrivi al massimo %n caratteri.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>The answers are too long altogether: please shorten this one.</source>
            <translation>Le risposte sono troppo lunghe nel loro insieme: accorcia questa.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="35" />
            <source>This is not in the required format.</source>
            <translation>Il formato non è quello richiesto.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="36" />
            <source>Type a whole number.</source>
            <translation>Scrivi un numero intero.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="37" />
            <source>Type an amount in euro, like 150 or 150.50.</source>
            <translation>Scrivi un importo in euro, come 150 o 150,50.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="38" />
            <source>The smallest value allowed is {min}.</source>
            <translation>Il valore minimo è {min}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="39" />
            <source>The largest value allowed is {max}.</source>
            <translation>Il valore massimo è {max}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="40" />
            <source>Type a valid date, like 23/01/1941.</source>
            <translation>Scrivi una data valida, come 23/01/1941.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="41" />
            <source>The date cannot be before {min}.</source>
            <translation>La data non può essere prima del {min}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="42" />
            <source>The date cannot be after {max}.</source>
            <translation>La data non può essere dopo il {max}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="43" />
            <source>Choose one of the answers offered.</source>
            <translation>Scegli una delle risposte proposte.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="44" />
            <source>“{choice}” cannot be chosen together with other answers.</source>
            <translation>«{choice}» non si può scegliere insieme ad altre risposte.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="46" />
            <source>Answer yes or no.</source>
            <translation>Rispondi sì o no.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="47" />
            <source>You need to confirm this declaration to go on.</source>
            <translation>Per andare avanti devi confermare questa dichiarazione.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="48" />
            <source>Choose a Comune from the list.</source>
            <translation>Scegli un Comune dall'elenco.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="49" />
            <source>Add at least {min}.</source>
            <translation>Aggiungi almeno {min}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="50" />
            <source>You can add at most {max}.</source>
            <translation>Puoi indicarne al massimo {max}.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="51" />
            <source>This answer is not part of the form.</source>
            <translation>Questa risposta non fa parte del modulo.</translation>
        </message>
        <message>
            <location filename="../../forms/answers.py" line="52" />
            <source>The form cannot check this answer: please ask the welfare manager.</source>
            <translation>Il modulo non può controllare questa risposta: chiedi al welfare manager.</translation>
        </message>
    </context>
    <context>
        <name>ApplicationDone</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="30" />
            <source>Your tracking code: {code}</source>
            <translation>Il tuo codice di verifica: {code}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="33" />
            <source>Protocol number: {protocol}</source>
            <translation>Numero di protocollo: {protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune&apos;s platform could not accept it. It is kept at this Social Point: please ask the welfare manager at the desk, who will see why.</source>
            <translation>La piattaforma del Comune non ha potuto accettarla. Resta conservata in questo Social Point: chiedi al welfare manager allo sportello, che vedrà il motivo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="38" />
            <source>The Comune is giving it a protocol number…</source>
            <translation>Il Comune le sta assegnando il numero di protocollo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="42" />
            <source>This Social Point is offline right now: the application will leave by itself as soon as it can. You will find its protocol number with the tracking code.</source>
            <translation>Il Social Point non è collegato in questo momento: la domanda partirà da sola appena possibile. Il numero di protocollo lo trovi poi con il codice di verifica.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="50" />
            <source>The receipt is coming out of the printer: please keep it.</source>
            <translation>La ricevuta sta uscendo dalla stampante: conservala.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_done.py" line="52" />
            <source>To see how your application is going, tap "Calls and subsidies" on the home screen, then "Where is my application?".</source>
            <translation>Per sapere a che punto è la domanda, tocca "Bandi e contributi" nella pagina iniziale, poi "A che punto è la mia domanda?".</translation>
        </message>
    </context>
    <context>
        <name>ApplicationReview</name>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="37" />
            <source>Person {n}: {who}</source>
            <translation>Persona {n}: {who}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="38" />
            <source>(no answers yet)</source>
            <translation>(ancora nessuna risposta)</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="39" />
            <source>Please note: {reasons}</source>
            <translation>Attenzione: {reasons}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="40" />
            <source>From your answers you seem to meet the requirements. The Comune will decide.</source>
            <translation>In base alle tue risposte sembri avere i requisiti. La decisione spetta al Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_review.py" line="44" />
            <source>From your answers the amount would be {amount}. The Comune decides the amount it grants.</source>
            <translation>In base alle tue risposte l'importo sarebbe di {amount}. L'importo concesso lo decide il Comune.</translation>
        </message>
    </context>
    <context>
        <name>ApplicationStatusScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="136" />
            <source>A tracking code looks like DOM-ABCD-EFGH: please check your receipt.</source>
            <translation>Il codice di verifica è fatto come DOM-ABCD-EFGH: controlla la ricevuta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="159" />
            <source>The search is not possible right now. Please ask the welfare manager at the desk.</source>
            <translation>In questo momento la ricerca non è possibile. Chiedi al welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="167" />
            <source>Received by the Comune</source>
            <translation>Ricevuta dal Comune</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="168" />
            <source>The Comune is examining it</source>
            <translation>Il Comune la sta esaminando</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="169" />
            <source>The Comune needs more documents</source>
            <translation>Il Comune ha bisogno di altri documenti</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="170" />
            <source>Accepted</source>
            <translation>Accolta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="171" />
            <source>Not accepted</source>
            <translation>Non accolta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="172" />
            <source>Saved at this Social Point, not yet sent to the Comune</source>
            <translation>Registrata in questo Social Point, non ancora inviata al Comune</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="173" />
            <source>It did not reach the Comune</source>
            <translation>Non è arrivata al Comune</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="178" />
            <source>It leaves by itself as soon as the Social Point is online.</source>
            <translation>Partirà da sola appena il Social Point sarà collegato.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="180" />
            <source>Please ask the welfare manager at the desk: they can see why and help you apply again.</source>
            <translation>Chiedi al welfare manager allo sportello: può vedere il motivo e aiutarti a ripresentarla.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="183" />
            <source>Bring them to the Comune's office, with your receipt.</source>
            <translation>Portali all'ufficio del Comune, insieme alla ricevuta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="189" />
            <source>Where is my application?</source>
            <translation>A che punto è la mia domanda?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="191" />
            <source>Type the tracking code printed on your receipt and your codice fiscale. You can also pass your health card over the reader.</source>
            <translation>Scrivi il codice di verifica stampato sulla ricevuta e il tuo codice fiscale. Puoi anche passare la tessera sanitaria sul lettore.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="193" />
            <source>Tracking code (on the receipt)</source>
            <translation>Codice di verifica (sulla ricevuta)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="195" />
            <source>Codice fiscale</source>
            <translation>Codice fiscale</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="196" />
            <source>Search</source>
            <translation>Cerca</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="202" />
            <source>No application matches this tracking code and codice fiscale. Please check both; if you applied at another Social Point a moment ago, try again later.</source>
            <translation>Nessuna domanda corrisponde a questo codice di verifica e a questo codice fiscale. Controlla che siano giusti; se hai presentato la domanda poco fa in un altro Social Point, riprova più tardi.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="213" />
            <source>Protocol number: {protocol}</source>
            <translation>Numero di protocollo: {protocol}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/application_status.py" line="220" />
            <source>Last update: {day} at {hour}</source>
            <translation>Ultimo aggiornamento: {day} alle {hour}</translation>
        </message>
    </context>
    <context>
        <name>ApplicationSteps</name>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="16" />
            <source>Before you start</source>
            <translation>Prima di iniziare</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="17" />
            <source>Privacy notice</source>
            <translation>Informativa privacy</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="18" />
            <source>I have read it, go on</source>
            <translation>Ho letto, continua</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="19" />
            <source>Step {n} of {total}</source>
            <translation>Passo {n} di {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="20" />
            <source>Person {n}</source>
            <translation>Persona {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="21" />
            <source>Save this person</source>
            <translation>Salva questa persona</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="22" />
            <source>Next ›</source>
            <translation>Avanti ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="23" />
            <source>Check your answers and send</source>
            <translation>Controlla le risposte e invia</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="24" />
            <source>Sending…</source>
            <translation>Invio in corso…</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="25" />
            <source>Send the application</source>
            <translation>Invia la domanda</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="26" />
            <source>Some answers are missing or need checking: tap Change next to the part to complete.</source>
            <translation>Alcune risposte mancano o vanno controllate: tocca Modifica accanto alla parte da completare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="30" />
            <source>Your application has been saved</source>
            <translation>La tua domanda è stata registrata</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="31" />
            <source>Finish</source>
            <translation>Ho finito</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="32" />
            <source>This call cannot be applied for here</source>
            <translation>Per questo bando non si può fare domanda qui</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/apply_heading.py" line="33" />
            <source>Back to the calls</source>
            <translation>Torna ai bandi</translation>
        </message>
    </context>
    <context>
        <name>ApplyScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="356" />
            <source>Discard this person?</source>
            <translation>Annullare questa persona?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="357" />
            <source>What you typed about this person will not be kept.</source>
            <translation>Quello che hai scritto su questa persona non sarà tenuto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="358" />
            <source>No, go on</source>
            <translation>No, continua</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="359" />
            <source>Yes, discard</source>
            <translation>Sì, annulla</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="455" />
            <source>Please check the answers marked below.</source>
            <translation>Controlla le risposte segnate qui sotto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="478" />
            <source>The application could not be saved. Nothing you typed is lost: please try again, or ask the welfare manager at the desk.</source>
            <translation>Non è stato possibile registrare la domanda. Quello che hai scritto non è perso: riprova, oppure chiedi al welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="532" />
            <source>Cancel</source>
            <translation>Annulla</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/apply.py" line="611" />
            <source>It may have just closed, or its form has not reached this kiosk yet. The welfare manager at the desk can help you.</source>
            <translation>Forse è appena scaduto, oppure il modulo non è ancora arrivato a questo totem. Il welfare manager allo sportello può aiutarti.</translation>
        </message>
    </context>
    <context>
        <name>CallsScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="63" />
            <source>Apply by {day} at {hour}</source>
            <translation>Domande entro il {day} alle {hour}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="70" />
            <source>Who can apply</source>
            <translation>Chi può fare domanda</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="73" />
            <source>What to bring</source>
            <translation>Documenti da portare</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="79" />
            <source>Apply here</source>
            <translation>Fai domanda qui</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="81" />
            <source>Apply here: {title}</source>
            <translation>Fai domanda qui: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="86" />
            <source>Apply with the welfare manager at the desk.</source>
            <translation>La domanda si presenta con il welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="119" />
            <source>Calls and subsidies</source>
            <translation>Bandi e contributi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="120" />
            <source>Where is my application?</source>
            <translation>A che punto è la mia domanda?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="121" />
            <source>Print my vouchers</source>
            <translation>Stampa i miei buoni</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="123" />
            <source>Open now for residents of {comune}</source>
            <translation>Aperti ora per chi abita a {comune}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="125" />
            <source>The welfare manager at the desk can help you fill in any form.</source>
            <translation>Il welfare manager allo sportello può aiutarti a compilare qualsiasi modulo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="128" />
            <source>There are no open calls right now. Ask the welfare manager about new ones.</source>
            <translation>In questo momento non ci sono bandi aperti. Chiedi al welfare manager quando ne usciranno di nuovi.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="90" />
            <source>Privacy notice</source>
            <translation>Informativa privacy</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="114" />
            <source>Privacy notice: {title}</source>
            <translation>Informativa privacy: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/calls.py" line="115" />
            <source>OK</source>
            <translation>Ho capito</translation>
        </message>
    </context>
    <context>
        <name>CartScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="50" />
            <source>{each} · {provider}</source>
            <translation>{each} · {provider}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="55" />
            <source>One less</source>
            <translation>Uno in meno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="60" />
            <source>One more</source>
            <translation>Uno in più</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="67" />
            <source>Remove</source>
            <translation>Togli</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="88" />
            <source>Your cart</source>
            <translation>Il tuo carrello</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>The cart is empty. Choose a service and tap “Add to cart”.</source>
            <translation>Il carrello è vuoto. Scegli un servizio e tocca “Aggiungi al carrello”.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>Choose a service ›</source>
            <translation>Scegli un servizio ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="93" />
            <source>OK, understood</source>
            <translation>Ho capito</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="97" />
            <source>Total: {amount}</source>
            <translation>Totale: {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="99" />
            <source>Go on to payment ›</source>
            <translation>Vai al pagamento ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/cart.py" line="102" />
            <source>The kiosk never takes money: you pay the provider, use your credit, or pay at the desk with the welfare manager.</source>
            <translation>Il totem non riceve denaro: paghi al fornitore, usi il tuo credito oppure paghi allo sportello con il welfare manager.</translation>
        </message>
    </context>
    <context>
        <name>CatalogScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="208" />
            <source>%n service(s)</source>
            <translation>
                <numerusform>%n servizio</numerusform>
                <numerusform>%n servizi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>Did you mean “{words}”? %n service(s) found.</source>
            <translation>
                <numerusform>Forse cercavi «{words}»? %n servizio trovato.</numerusform>
                <numerusform>Forse cercavi «{words}»? %n servizi trovati.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="233" />
            <source>No service has all the words “{text}”. %n service(s) have some of them.</source>
            <translation>
                <numerusform>Nessun servizio ha tutte le parole «{text}». %n servizio ne ha alcune.</numerusform>
                <numerusform>Nessun servizio ha tutte le parole «{text}». %n servizi ne hanno alcune.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/catalog.py" line="236" />
            <source>%n service(s) found for “{text}”</source>
            <translation>
                <numerusform>%n servizio trovato per «{text}»</numerusform>
                <numerusform>%n servizi trovati per «{text}»</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="239" />
            <source>Nothing found for “{text}”. Try another word, search all the Comuni, or ask for help:</source>
            <translation>Nessun servizio trovato per «{text}». Prova con un'altra parola, cerca in tutti i Comuni oppure chiedi aiuto:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="244" />
            <source>Nothing found for “{text}”. Try another word or ask for help:</source>
            <translation>Nessun servizio trovato per «{text}». Prova con un'altra parola oppure chiedi aiuto:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="247" />
            <source>No service mentions: {words}.</source>
            <translation>Nessun servizio nomina: {words}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="261" />
            <source>Services</source>
            <translation>Servizi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="262" />
            <source>Search, for example: elderly, meals, babysitter</source>
            <translation>Cerca, ad esempio: anziani, pasti, baby sitter</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="263" />
            <source>Search services</source>
            <translation>Cerca servizi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="264" />
            <source>Clear</source>
            <translation>Cancella</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="265" />
            <source>For residents of:</source>
            <translation>Per chi abita a:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="266" />
            <source>All Comuni</source>
            <translation>Tutti i Comuni</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="267" />
            <source>Search all the Comuni</source>
            <translation>Cerca in tutti i Comuni</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/catalog.py" line="268" />
            <source>Ask for help</source>
            <translation>Chiedi aiuto</translation>
        </message>
    </context>
    <context>
        <name>CheckoutScreen</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>%n digit(s), hidden</source>
            <translation>
                <numerusform>%n cifra, nascosta</numerusform>
                <numerusform>%n cifre, nascoste</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>{name}, welfare manager: type your PIN to confirm the payment was received.</source>
            <translation>{name}, welfare manager: digita il tuo PIN per confermare che il pagamento è stato ricevuto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Confirm the payment</source>
            <translation>Conferma il pagamento</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Checking…</source>
            <translation>Verifica in corso…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The PIN has 6 to 8 digits.</source>
            <translation>Il PIN ha da 6 a 8 cifre.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>PIN not right. Tries left: {n}.</source>
            <translation>PIN non corretto. Tentativi rimasti: {n}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>Too many wrong PINs: locked until {time}. Choose another way to pay.</source>
            <translation>Troppi PIN errati: bloccato fino alle {time}. Scegli un altro modo di pagare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>This PIN cannot confirm the payment.</source>
            <translation>Questo PIN non può confermare il pagamento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="220" />
            <source>The total has changed: it is now {amount}. Type the PIN again to confirm the payment.</source>
            <translation>Il totale è cambiato: ora è {amount}. Digita di nuovo il PIN per confermare il pagamento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="173" />
            <source>Your credit is not enough: {amount} available.</source>
            <translation>Il credito non basta: disponibili {amount}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="176" />
            <source>Right now you can spend up to {amount} of your credit here: the rest is waiting to reach the platform. Try again later or choose another way to pay.</source>
            <translation>In questo momento qui puoi spendere fino a {amount} del tuo credito: il resto attende di arrivare alla piattaforma. Riprova più tardi o scegli un altro modo di pagare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>There is no credit in your name.</source>
            <translation>Non c’è credito a tuo nome.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="179" />
            <source>The services in your cart can only be paid with your welfare credit: remove some of them from the cart, or ask for help.</source>
            <translation>I servizi nel carrello si pagano solo con il credito welfare: togline qualcuno dal carrello, oppure chiedi aiuto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of something in your cart has changed. Please check the new total and confirm again.</source>
            <translation>Il prezzo di qualcosa nel carrello è cambiato. Controlla il nuovo totale e conferma di nuovo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The order has changed since the payment at the desk was confirmed: the welfare manager confirms the new total again.</source>
            <translation>L’ordine è cambiato dopo la conferma del pagamento allo sportello: il welfare manager conferma di nuovo il totale aggiornato.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The ways to pay for your cart have changed: the one you chose can no longer be used.</source>
            <translation>I modi di pagare il tuo carrello sono cambiati: quello che hai scelto non si può più usare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Choose one of the ways shown.</source>
            <translation>Scegli uno dei modi indicati.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>“{service}” is no longer offered: it has been removed from your cart.</source>
            <translation>Il servizio “{service}” non è più offerto: è stato tolto dal tuo carrello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>The price of “{service}” has changed from {old} to {new}.</source>
            <translation>Il prezzo di “{service}” è cambiato: da {old} a {new}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>These services are no longer offered and have been removed from your cart:</source>
            <translation>Questi servizi non sono più offerti e sono stati tolti dal tuo carrello:</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Check the new total and choose how to pay again.</source>
            <translation>Controlla il nuovo totale e scegli di nuovo come pagare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>Your cart is now empty.</source>
            <translation>Ora il carrello è vuoto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="182" />
            <source>The order could not be saved. Nothing was charged: please ask the welfare manager.</source>
            <translation>Non è stato possibile registrare l’ordine. Non è stato addebitato nulla: chiedi al welfare manager.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <source>Who is buying?</source>
            <translation>Chi acquista?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="191" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="192" />
            <source>How do you pay?</source>
            <translation>Come paghi?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="193" />
            <source>Your order is saved</source>
            <translation>Il tuo ordine è registrato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>Total: {amount}</source>
            <translation>Totale: {amount}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="200" />
            <source>I pay the provider when the service is done</source>
            <translation>Pago al fornitore quando ricevo il servizio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="202" />
            <source>I pay at the desk now (cash or card, with the welfare manager)</source>
            <translation>Pago ora allo sportello (contanti o carta, con il welfare manager)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="219" />
            <source>✓ Payment received — confirmed by {name}</source>
            <translation>✓ Pagamento ricevuto — conferma di {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="227" />
            <source>Finish</source>
            <translation>Ho finito</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="230" />
            <source>Sending…</source>
            <translation>Invio in corso…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="231" />
            <source>Confirm the order</source>
            <translation>Conferma l’ordine</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="238" />
            <source>{amount} · {title} · {total}</source>
            <translation>{amount} · {title} · {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="245" />
            <source>Only a code made from it is kept with your order, so you can print your vouchers again at any Social Point.</source>
            <translation>Con l’ordine si conserva solo un codice ricavato da esso, per poter ristampare i buoni in qualsiasi Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="249" />
            <source>Order code: {code}
The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation>Codice dell’ordine: {code}
Dalla stampante escono la ricevuta e un buono per ogni servizio: mostra il buono al fornitore.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="254" />
            <source>The kiosk never takes money.</source>
            <translation>Il totem non riceve denaro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="259" />
            <source>I use my welfare credit (none in your name)</source>
            <translation>Uso il mio credito welfare (nessuno a tuo nome)</translation>
        </message>
        <message>
            <source>I use my welfare credit</source>
            <translation>Uso il mio credito welfare</translation>
        </message>
        <message>
            <source>{amount} available now</source>
            <translation>{amount} disponibili ora</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="260" />
            <source>I use my welfare credit ({amount} available now)</source>
            <translation>Uso il mio credito welfare ({amount} disponibili ora)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="271" />
            <source>Your credit is {balance}. A kiosk spends at most {now} of it until the platform has confirmed what was spent: the rest stays yours, for later or at another Social Point.</source>
            <translation>Il tuo credito è di {balance}. Un totem ne spende al massimo {now} finché la piattaforma non ha confermato le spese: il resto rimane tuo, per dopo o in un altro Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="279" />
            <source>What happens now: the provider calls you within two working days to agree the day and time (their number is also on your voucher). Show the voucher when the service is done.</source>
            <translation>Cosa succede ora: il fornitore ti telefona entro due giorni lavorativi per fissare giorno e ora (il suo numero è anche sul buono). Mostra il buono quando ricevi il servizio.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="284" />
            <source>You pay the provider then, not now.</source>
            <translation>Paghi il fornitore in quel momento, non adesso.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="286" />
            <source>The amount is taken from your credit now.</source>
            <translation>L'importo viene tolto ora dal tuo credito.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="288" />
            <source>You pay at the desk now, with the welfare manager.</source>
            <translation>Paghi ora allo sportello, con il welfare manager.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="195" />
            <source>To pay with your welfare credit, go back and type your wallet PIN too.</source>
            <translation>Per pagare con il credito welfare, torna indietro e scrivi anche il PIN del portafoglio.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="214" />
            <location filename="../../kiosk/ui/screens/checkout.py" line="215" />
            <source>Check your order</source>
            <translation>Controlla il tuo ordine</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="253" />
            <source>‹ Change</source>
            <translation>‹ Cambia</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="258" />
            <source>Check the order ›</source>
            <translation>Controlla l’ordine ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="281" />
            <source>How you pay: {way}</source>
            <translation>Come paghi: {way}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="322" />
            <source>Your credit cannot pay for this order now: choose another way to pay.</source>
            <translation>Ora il tuo credito non può pagare questo ordine: scegli un altro modo di pagare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="381" />
            <source>The receipt and one voucher per service are coming out of the printer: show the voucher to the provider.</source>
            <translation>Dalla stampante escono la ricevuta e un buono per ogni servizio: mostra il buono al fornitore.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="67" />
            <source>to the provider</source>
            <translation>al fornitore</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="62" />
            <source>with your welfare credit</source>
            <translation>con il tuo credito welfare</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="185" />
            <source>at the desk, with the welfare manager</source>
            <translation>allo sportello, con il welfare manager</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="189" />
            <source>These services cannot be paid in the same way, so they cannot be bought in one order. Each can be paid:</source>
            <translation>Questi servizi non si possono pagare nello stesso modo, quindi non si possono comprare in un solo ordine. Ciascuno si può pagare:</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="194" />
            <source>Buy them in separate orders: remove from the cart the ones paid in another way, complete this order, then add them again for a new one.</source>
            <translation>Comprali in ordini separati: togli dal carrello quelli che si pagano in un altro modo, completa questo ordine, poi aggiungili di nuovo per un nuovo ordine.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="199" />
            <source>The services in your cart can only be paid at the desk, with the welfare manager. Ask for help: the welfare manager completes the order with you.</source>
            <translation>I servizi nel tuo carrello si pagano solo allo sportello, con il welfare manager. Chiedi aiuto: il welfare manager completa l’ordine con te.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="328" />
            <source>Ask for help</source>
            <translation>Chiedi aiuto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/checkout.py" line="330" />
            <source>Open the cart</source>
            <translation>Apri il carrello</translation>
        </message>
    </context>
    <context>
        <name>CountedUnits</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="38" />
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n ora</numerusform>
                <numerusform>%n ore</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="39" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n giorno</numerusform>
                <numerusform>%n giorni</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="40" />
            <source>%n week(s)</source>
            <translation>
                <numerusform>%n settimana</numerusform>
                <numerusform>%n settimane</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="41" />
            <source>%n month(s)</source>
            <translation>
                <numerusform>%n mese</numerusform>
                <numerusform>%n mesi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="42" />
            <source>%n meal(s)</source>
            <translation>
                <numerusform>%n pasto</numerusform>
                <numerusform>%n pasti</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="43" />
            <source>%n session(s)</source>
            <translation>
                <numerusform>%n seduta</numerusform>
                <numerusform>%n sedute</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="44" />
            <source>%n course(s)</source>
            <translation>
                <numerusform>%n percorso</numerusform>
                <numerusform>%n percorsi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="45" />
            <source>%n ride(s)</source>
            <translation>
                <numerusform>%n corsa</numerusform>
                <numerusform>%n corse</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="46" />
            <source>%n delivery(ies)</source>
            <translation>
                <numerusform>%n consegna</numerusform>
                <numerusform>%n consegne</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="47" />
            <source>%n kg</source>
            <translation>
                <numerusform>%n kg</numerusform>
                <numerusform>%n kg</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/texts.py" line="48" />
            <source>%n visit(s)</source>
            <translation>
                <numerusform>%n accesso</numerusform>
                <numerusform>%n accessi</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormFields</name>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="41" />
            <source>dd/mm/yyyy</source>
            <translation>gg/mm/aaaa</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="42" />
            <source>amount in euro, e.g. 150,00</source>
            <translation>importo in euro, per esempio 150,00</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="43" />
            <location filename="../../kiosk/ui/widgets/identify.py" line="126" />
            <source>16 letters and digits</source>
            <translation>16 lettere e cifre</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="44" />
            <source>e.g. 347 123 4567</source>
            <translation>per esempio 347 123 4567</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="45" />
            <source>e.g. name@example.it</source>
            <translation>per esempio nome@esempio.it</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="46" />
            <source>IT followed by 25 letters and digits</source>
            <translation>IT seguito da 25 lettere e cifre</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="99" />
            <source>{question} (optional)</source>
            <translation>{question} (facoltativo)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="268" />
            <source>You can choose more than one.</source>
            <translation>Puoi sceglierne più di una.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="291" />
            <source>✓  I confirm</source>
            <translation>✓  Confermo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="293" />
            <source>I confirm</source>
            <translation>Confermo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="359" />
            <source>Person {n}</source>
            <translation>Persona {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="368" />
            <source>Change</source>
            <translation>Modifica</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="372" />
            <source>Remove</source>
            <translation>Togli</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="390" />
            <source>Tap again to remove</source>
            <translation>Tocca ancora per togliere</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="394" />
            <source>+ Add a person</source>
            <translation>+ Aggiungi una persona</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="418" />
            <source>(no answer)</source>
            <translation>(nessuna risposta)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="428" />
            <source>Confirmed</source>
            <translation>Confermata</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="430" />
            <source>Not confirmed</source>
            <translation>Non confermata</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="433" />
            <source>Yes</source>
            <translation>Sì</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="435" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="259" />
            <source>Day</source>
            <translation>Giorno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="260" />
            <source>Month</source>
            <translation>Mese</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/form_fields.py" line="261" />
            <source>Year</source>
            <translation>Anno</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="40" />
            <source>Welcome to the {name}</source>
            <translation>Benvenuti al {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="42" />
            <source>How can we help you? Touch one of the buttons.</source>
            <translation>Come possiamo aiutarti? Tocca uno dei pulsanti.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="45" />
            <source>Services</source>
            <translation>Servizi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="46" />
            <source>Find care, help at home, courses and local shops</source>
            <translation>Assistenza, aiuto in casa, corsi e negozi del territorio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="51" />
            <source>Calls and subsidies</source>
            <translation>Bandi e contributi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="52" />
            <source>Food vouchers, contributions and help from the Comune</source>
            <translation>Buoni spesa, contributi e aiuti del Comune</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="57" />
            <source>Ask a welfare manager for help</source>
            <translation>Chiedi aiuto a un welfare manager</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/home.py" line="58" />
            <source>A person at the Social Point will help you</source>
            <translation>Un welfare manager del Social Point ti aiuta</translation>
        </message>
    </context>
    <context>
        <name>IdentifyBox</name>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="125" />
            <source>Your codice fiscale (or pass your health card)</source>
            <translation>Il tuo codice fiscale (oppure passa la tessera sanitaria)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="129" />
            <source>Next ›</source>
            <translation>Avanti ›</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="131" />
            <source>A phone number, to call you if something goes wrong (optional)</source>
            <translation>Un numero di telefono, per chiamarti se qualcosa non va (facoltativo)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="148" />
            <source>The wallet PIN has 6 to 8 digits.</source>
            <translation>Il PIN del portafoglio ha da 6 a 8 cifre.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Wallet PIN (only for the credit)</source>
            <translation>PIN del portafoglio (solo per il credito)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="190" />
            <source>Your wallet PIN</source>
            <translation>Il tuo PIN del portafoglio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/identify.py" line="195" />
            <source>6 to 8 digits, from the Comune&apos;s letter or set at the Social Point desk</source>
            <translation>Da 6 a 8 cifre: è nella lettera del Comune, oppure lo imposti allo sportello del Social Point</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="359" />
            <source>Cart ({n}) · {total}</source>
            <translation>Carrello ({n}) · {total}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="407" />
            <source>End the assisted session?</source>
            <translation>Terminare l'assistenza?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="408" />
            <source>What the citizen was doing and has not sent is forgotten.</source>
            <translation>Quello che il cittadino stava facendo e non ha ancora inviato viene dimenticato.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="409" />
            <source>No, go on</source>
            <translation>No, continua</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="410" />
            <source>Yes, end it</source>
            <translation>Sì, termina</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="433" />
            <source>Assisted by {name}</source>
            <translation>Assistenza di {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="489" />
            <source>Calling the welfare managers of this Social Point…</source>
            <translation>Sto chiamando i welfare manager di questo Social Point…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="492" />
            <source>The welfare managers of this Social Point have been called: someone will come to you. You can also go to the desk.</source>
            <translation>I welfare manager di questo Social Point sono stati chiamati: qualcuno arriva da te. Puoi anche andare allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="498" />
            <source>Nobody could be called from here right now. Please go to the desk and tell the welfare manager that you need help.</source>
            <translation>In questo momento da qui non è stato possibile chiamare nessuno. Vai allo sportello e di' al welfare manager che hai bisogno di aiuto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="503" />
            <source>The desk is staffed: {hours}</source>
            <translation>Lo sportello è aperto: {hours}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="505" />
            <source>Where: {address}</source>
            <translation>Dove: {address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="508" />
            <source>If nobody is here, call {phone}</source>
            <translation>Se non c'è nessuno, chiama il {phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>We are here to help</source>
            <translation>Siamo qui per aiutarti</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="513" />
            <source>OK</source>
            <translation>Ho capito</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="518" />
            <source>{name} {version}, free software under the {licence} licence: {url}</source>
            <translation>{name} {version}, software libero con licenza {licence}: {url}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>◐ High contrast</source>
            <translation>◐ Alto contrasto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="551" />
            <source>Comune of {name}</source>
            <translation>Comune di {name}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="552" />
            <source>‹ Back</source>
            <translation>‹ Indietro</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="553" />
            <source>⌂ Home</source>
            <translation>⌂ Inizio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="554" />
            <source>Ask for help</source>
            <translation>Chiedi aiuto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="530" />
            <source>A+ Larger text</source>
            <translation>A+ Testo più grande</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/main_window.py" line="556" />
            <source>End assisted session</source>
            <translation>Termina assistenza</translation>
        </message>
    </context>
    <context>
        <name>ManagerDeskScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>⚠ Wallets locked by wrong PINs</source>
            <translation>⚠ Portafogli bloccati per PIN sbagliati</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>The kiosk cannot tell whose wallets these are. A citizen whose PIN does not work: check an identity document, then set a new PIN.</source>
            <translation>Il totem non sa di chi siano questi portafogli. A un cittadino il cui PIN non funziona: controlla un documento d&apos;identità, poi imposta un nuovo PIN.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Set a wallet PIN</source>
            <translation>Imposta un PIN del portafoglio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>No wallet is locked.</source>
            <translation>Nessun portafoglio è bloccato.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Locked by the platform after 10 wrong PINs at the Comune&apos;s kiosks: %n. They stay locked until a new PIN is set.</source>
            <translation>
                <numerusform>Bloccati dalla piattaforma dopo 10 PIN sbagliati ai totem del Comune: %n. Resta bloccato finché non si imposta un nuovo PIN.</numerusform>
                <numerusform>Bloccati dalla piattaforma dopo 10 PIN sbagliati ai totem del Comune: %n. Restano bloccati finché non si imposta un nuovo PIN.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Locked at this kiosk after 5 wrong PINs: %n. The first opens again at {time}.</source>
            <translation>
                <numerusform>Bloccati a questo totem dopo 5 PIN sbagliati: %n. Si riapre alle {time}.</numerusform>
                <numerusform>Bloccati a questo totem dopo 5 PIN sbagliati: %n. Il primo si riapre alle {time}.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="1" />
            <source>Citizens&apos; wallets</source>
            <translation>Portafogli dei cittadini</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="138" />
            <source>Sync started: the figures update when it ends.</source>
            <translation>Sincronizzazione avviata: i dati si aggiornano quando finisce.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="133" />
            <source>Operator area</source>
            <translation>Area welfare manager</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="136" />
            <source>Log out</source>
            <translation>Esci</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="139" />
            <source>That did not work. Nothing was lost; try again.</source>
            <translation>Non è riuscito. Non si è perso nulla: riprova.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="140" />
            <source>Sync done: the figures below are up to date.</source>
            <translation>Sincronizzazione riuscita: i dati qui sotto sono aggiornati.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="142" />
            <source>The sync did not succeed: the reason is under “Platform”. Nothing was lost; it will be tried again.</source>
            <translation>La sincronizzazione non è riuscita: il motivo è sotto «Piattaforma». Non si è perso nulla; verrà ritentata.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="171" />
            <source>⚠ A citizen is asking for help</source>
            <translation>⚠ Un cittadino chiede aiuto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="173" />
            <source>Asked at this kiosk at {times}.</source>
            <translation>Chiesto a questo totem alle {times}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="175" />
            <source>I am on my way</source>
            <translation>Arrivo io</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="190" />
            <source>Platform</source>
            <translation>Piattaforma</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="193" />
            <source>This kiosk is not linked to a platform.</source>
            <translation>Questo totem non è collegato a una piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="195" />
            <source>Not synced yet since the kiosk started.</source>
            <translation>Nessuna sincronizzazione dall’avvio del totem.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="197" />
            <source>Online</source>
            <translation>In linea</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="197" />
            <source>Offline</source>
            <translation>Non in linea</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="203" />
            <source>Detail: {detail}</source>
            <translation>Dettaglio: {detail}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="205" />
            <source>never</source>
            <translation>mai</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="206" />
            <source>Last successful sync: {time}</source>
            <translation>Ultima sincronizzazione riuscita: {time}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="208" />
            <source>Records waiting to be sent: {n}</source>
            <translation>Dati in attesa di invio: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="209" />
            <source>Sync now</source>
            <translation>Sincronizza ora</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="219" />
            <source>The platform refused the kiosk's request. If it persists, call the platform's help desk: the kiosk may need to be enrolled again.</source>
            <translation>La piattaforma ha rifiutato la richiesta del totem. Se si ripete, chiama l’assistenza della piattaforma: il totem potrebbe dover essere registrato di nuovo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="223" />
            <source>The platform has switched this kiosk off: it no longer sends or receives anything. What is waiting stays saved here. The platform's reason is below; call the platform's help desk to enroll the kiosk again.</source>
            <translation>La piattaforma ha disattivato questo totem: non invia e non riceve più nulla. Ciò che è in attesa resta salvato qui. Il motivo dato dalla piattaforma è qui sotto; chiama l’assistenza della piattaforma per registrare di nuovo il totem.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="228" />
            <source>The platform sent data the kiosk cannot accept. The kiosk keeps what it had and tries again; if it persists, call the platform's help desk.</source>
            <translation>La piattaforma ha inviato dati che il totem non può accettare. Il totem tiene quelli che aveva e riprova; se si ripete, chiama l’assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="232" />
            <source>The kiosk is not enrolled with the platform: it needs a new enrollment code from the platform's help desk.</source>
            <translation>Il totem non è registrato presso la piattaforma: serve un nuovo codice di registrazione dall’assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="236" />
            <source>The kiosk cannot save to its disk (full or failing). What is already saved is kept and will be sent, but new purchases and applications cannot be taken: call technical support.</source>
            <translation>Il totem non riesce a salvare sul suo disco (pieno o guasto). Quello che è già salvato resta e sarà inviato, ma non si possono registrare nuovi acquisti né domande: chiama l’assistenza tecnica.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="242" />
            <source>The last sync failed for an unexpected reason; it will be tried again. If it persists, call technical support (the kiosk's log says more).</source>
            <translation>L’ultima sincronizzazione non è riuscita per un motivo imprevisto; verrà ritentata. Se si ripete, chiama l’assistenza tecnica (il registro del totem dice di più).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>⚠ The kiosk's clock is wrong</source>
            <translation>⚠ L'orologio del totem è sbagliato</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>This kiosk&apos;s clock is %n minute(s) ahead of the platform&apos;s.</source>
            <translation>
                <numerusform>L&apos;orologio di questo totem è avanti di %n minuto rispetto a quello della piattaforma.</numerusform>
                <numerusform>L&apos;orologio di questo totem è avanti di %n minuti rispetto a quello della piattaforma.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>This kiosk&apos;s clock is %n minute(s) behind the platform&apos;s.</source>
            <translation>
                <numerusform>L&apos;orologio di questo totem è indietro di %n minuto rispetto a quello della piattaforma.</numerusform>
                <numerusform>L&apos;orologio di questo totem è indietro di %n minuti rispetto a quello della piattaforma.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="270" />
            <source>Deadlines are decided by the platform's clock, but the times on the screen and on receipts are wrong. Call technical support to set the clock (timedatectl set-ntp true).</source>
            <translation>Le scadenze le decide l'orologio della piattaforma, ma gli orari sullo schermo e sulle ricevute sono sbagliati. Chiama l'assistenza tecnica per regolare l'orologio (timedatectl set-ntp true).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="247" />
            <source>⚠ Personal data waiting too long</source>
            <translation>⚠ Dati personali in attesa da troppo tempo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="250" />
            <source>Records with citizens' data not yet on the platform: {n}; the oldest is from {time}. Check the network and press “Sync now”; if it persists, call the platform's help desk. Keeping them longer needs the Comune's consent.</source>
            <translation>Pratiche con dati dei cittadini non ancora arrivate alla piattaforma: {n}; la più vecchia è del {time}. Controlla la rete e premi “Sincronizza ora”; se continua, chiama l’assistenza della piattaforma. Tenerle più a lungo richiede il consenso del Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="315" />
            <source>⚠ Damaged records on this kiosk: {n}</source>
            <translation>⚠ Dati danneggiati su questo totem: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="321" />
            <source>The kiosk can no longer read these records: they were damaged on its disk. They are left out of the figures and the day report, and those not yet sent stay here; all the others go on as usual. Call technical support (“social-point doctor” checks the kiosk).</source>
            <translation>Il totem non riesce più a leggere questi dati: si sono rovinati sul suo disco. Sono esclusi dai conteggi e dal riepilogo giornaliero, e quelli non ancora inviati restano qui; tutti gli altri proseguono come sempre. Chiama l’assistenza tecnica (il comando “social-point doctor” controlla il totem).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="259" />
            <source>Refused by the platform: {n}</source>
            <translation>Rifiutati dalla piattaforma: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="262" />
            <source>Nothing refused.</source>
            <translation>Nessun rifiuto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="269" />
            <source>Platform records set aside: {n}</source>
            <translation>Record della piattaforma messi da parte: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="273" />
            <source>The kiosk could not use these records from the platform. It goes on with all the others and takes a corrected version as soon as the platform publishes one; the platform has been told. If one stays here, call the platform's help desk.</source>
            <translation>Il totem non ha potuto usare questi record della piattaforma. Prosegue con tutti gli altri e prende la versione corretta appena la piattaforma la pubblica; la piattaforma è stata avvisata. Se uno resta qui, chiamate l'assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="288" />
            <source>Application</source>
            <translation>Domanda</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="288" />
            <source>Order</source>
            <translation>Ordine</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="281" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="293" />
            <source>Reason: {message}</source>
            <translation>Motivo: {message}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="294" />
            <source>What to do: {advice}</source>
            <translation>Cosa fare: {advice}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="303" />
            <source>some answers did not pass the Comune's checks: call the citizen and make the application again with them.</source>
            <translation>alcune risposte non hanno superato i controlli del Comune: chiama il cittadino e rifate insieme la domanda.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="328" />
            <source>Printer</source>
            <translation>Stampante</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="330" />
            <source>Slips waiting to print: {n}</source>
            <translation>Stampe in coda: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="333" />
            <source>The paper roll is nearly finished: put in a new one soon.</source>
            <translation>Il rotolo di carta sta per finire: mettine uno nuovo appena puoi.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="336" />
            <source>Slips to check: {n}</source>
            <translation>Stampe da verificare: {n}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="339" />
            <source>may not have printed whole: check the paper</source>
            <translation>forse non stampata per intero: controlla la carta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="340" />
            <source>not printed in time, no longer printed by itself</source>
            <translation>non stampata in tempo, non verrà più stampata da sola</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>could not be printed: the kiosk's log says why</source>
            <translation>non si è potuta stampare: il registro del totem dice perché</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>damaged on the kiosk's disk: it cannot be printed again; mark it as dealt with</source>
            <translation>danneggiata sul disco del totem: non si può più stampare; segnala che è stata gestita</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="345" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="366" />
            <source>Reprint</source>
            <translation>Ristampa</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="348" />
            <source>Dealt with</source>
            <translation>Gestita</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="352" />
            <source>Print a test page</source>
            <translation>Stampa pagina di prova</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="358" />
            <source>Reprint a recent slip</source>
            <translation>Ristampa una stampa recente</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="361" />
            <source>No slips printed recently.</source>
            <translation>Nessuna stampa recente.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="370" />
            <source>A reprint is marked DUPLICATO.</source>
            <translation>Una ristampa porta la scritta DUPLICATO.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="374" />
            <source>Actions</source>
            <translation>Azioni</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="375" />
            <source>Start an assisted session</source>
            <translation>Inizia una sessione assistita</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="377" />
            <source>Print the end-of-day report</source>
            <translation>Stampa il riepilogo del giorno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="379" />
            <source>Touch again to close the kiosk</source>
            <translation>Tocca di nuovo per chiudere il totem</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="380" />
            <source>Leave the kiosk for maintenance</source>
            <translation>Chiudi il totem per manutenzione</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="324" />
            <source>Record</source>
            <translation>Pratica</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="329" />
            <source>Number on the citizen&apos;s slip: {reference}</source>
            <translation>Numero sulla ricevuta del cittadino: {reference}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="335" />
            <source>Why: {reason}</source>
            <translation>Perché: {reason}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="341" />
            <source>How was it dealt with?</source>
            <translation>Come è stato gestito?</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="343" />
            <source>Made again with the citizen</source>
            <translation>Rifatto insieme al cittadino</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="344" />
            <source>The citizen has been told</source>
            <translation>Il cittadino è stato avvisato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="345" />
            <source>The citizen could not be reached</source>
            <translation>Il cittadino non è raggiungibile</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="353" />
            <source>Not now</source>
            <translation>Non ora</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="357" />
            <source>Mark as dealt with</source>
            <translation>Segna come gestito</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="365" />
            <source>Call {name} on {phones}</source>
            <translation>Chiama {name} al {phones}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="367" />
            <source>Call the citizen on {phones}</source>
            <translation>Chiama il cittadino al {phones}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="369" />
            <source>The citizen left no phone number: when they come back, they have the number {reference} on their slip.</source>
            <translation>Il cittadino non ha lasciato un telefono: quando torna, ha il numero {reference} sulla sua ricevuta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="376" />
            <source>the record reached the platform incomplete or damaged (a fault of the totem&apos;s software, not of the citizen).</source>
            <translation>la pratica è arrivata alla piattaforma incompleta o danneggiata (un guasto del programma del totem, non un errore del cittadino).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="379" />
            <source>the platform did not accept the vouchers of this order.</source>
            <translation>la piattaforma non ha accettato i buoni di questo ordine.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="380" />
            <source>the form it was made on is not the one the call uses now.</source>
            <translation>il modulo usato non è quello che il bando usa ora.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="382" />
            <source>some answers did not pass the Comune&apos;s checks.</source>
            <translation>alcune risposte non hanno superato i controlli del Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="383" />
            <source>the form changed on the platform after it was made.</source>
            <translation>il modulo è cambiato sulla piattaforma dopo che la domanda è stata fatta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="386" />
            <source>the call is no longer on the platform.</source>
            <translation>il bando non c’è più sulla piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="387" />
            <source>it reached the platform after the call had closed.</source>
            <translation>è arrivata alla piattaforma dopo la chiusura del bando.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="387" />
            <source>it was made before the call opened.</source>
            <translation>è stata fatta prima dell’apertura del bando.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="389" />
            <source>the welfare manager who assisted is not known to the platform.</source>
            <translation>il welfare manager che ha assistito non è noto alla piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="392" />
            <source>the payment at the desk was not confirmed by a welfare manager of this Social Point.</source>
            <translation>il pagamento allo sportello non è stato confermato da un welfare manager di questo Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="395" />
            <source>the service is no longer offered.</source>
            <translation>il servizio non è più offerto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="396" />
            <source>the price changed on the platform.</source>
            <translation>il prezzo è cambiato sulla piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="397" />
            <source>the service cannot be paid the way chosen.</source>
            <translation>il servizio non si può pagare nel modo scelto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="398" />
            <source>the citizen has no credit on the platform.</source>
            <translation>il cittadino non ha credito sulla piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="399" />
            <source>the credit was not enough when the order arrived.</source>
            <translation>il credito non bastava quando l’ordine è arrivato.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="401" />
            <source>the platform already had a different record with the same number; both are kept for the platform&apos;s staff.</source>
            <translation>la piattaforma aveva già un’altra pratica con lo stesso numero; le conserva entrambe per il suo personale.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="490" />
            <source>the platform already had another application with the same tracking code and codice fiscale.</source>
            <translation>la piattaforma aveva già un’altra domanda con lo stesso codice di verifica e lo stesso codice fiscale.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="418" />
            <source>the platform did not say why in a way this totem knows.</source>
            <translation>la piattaforma non ha indicato un motivo che questo totem conosce.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="422" />
            <source>call the platform&apos;s help desk with the date and the number of the slip above.</source>
            <translation>chiama l’assistenza della piattaforma con la data e il numero della ricevuta qui sopra.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="425" />
            <source>call the citizen and make the application again with them on the form the call uses now.</source>
            <translation>chiama il cittadino e rifai la domanda con lui sul modulo che il bando usa ora.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="437" />
            <source>call the citizen, tell them the new price (see the service) and, if they agree, make the order again.</source>
            <translation>chiama il cittadino, digli il nuovo prezzo (lo trovi nel servizio) e, se è d’accordo, rifai l’ordine.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="440" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="441" />
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="442" />
            <source>call the citizen to choose another way to pay.</source>
            <translation>chiama il cittadino per scegliere un altro modo di pagare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="444" />
            <source>call the citizen: the service is no longer offered; help them choose another.</source>
            <translation>chiama il cittadino: il servizio non è più offerto; aiutalo a sceglierne un altro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="446" />
            <source>tell the citizen; the Comune decides on late applications.</source>
            <translation>avvisa il cittadino; sulle domande in ritardo decide il Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="446" />
            <source>call the citizen and make the application again with them once the call is open.</source>
            <translation>chiama il cittadino e rifai la domanda con lui quando il bando è aperto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="447" />
            <source>tell the citizen; ask the Comune what to do.</source>
            <translation>avvisa il cittadino; chiedi al Comune come procedere.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="538" />
            <source>call the citizen and make the application again with them: it gets a new tracking code.</source>
            <translation>chiama il cittadino e rifai la domanda con lui: avrà un nuovo codice di verifica.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="465" />
            <source>Printer: {state}</source>
            <translation>Stampante: {state}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="474" />
            <source>waiting: {why}</source>
            <translation>in attesa: {why}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="494" />
            <source>ready</source>
            <translation>pronta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="495" />
            <source>the paper roll is nearly finished</source>
            <translation>il rotolo di carta sta per finire</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="496" />
            <source>out of paper: put in a new roll</source>
            <translation>senza carta: metti un rotolo nuovo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="497" />
            <source>the cover is open: close it</source>
            <translation>il coperchio è aperto: chiudilo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="498" />
            <source>not ready (an error or the feed button): switch it off and on</source>
            <translation>non pronta (un errore o il tasto di avanzamento): spegnila e riaccendila</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="499" />
            <source>it does not answer: switch it off and on</source>
            <translation>non risponde: spegnila e riaccendila</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="501" />
            <source>what answers at the printer&apos;s address is not a printer: call technical support</source>
            <translation>all’indirizzo della stampante risponde qualcosa che non è una stampante: chiama l’assistenza tecnica</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="504" />
            <source>cannot be reached: check that it is switched on and its cable is in</source>
            <translation>non raggiungibile: controlla che sia accesa e che il cavo sia collegato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="506" />
            <source>connected (it cannot report paper or cover)</source>
            <translation>collegata (non sa segnalare carta o coperchio)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="507" />
            <source>no printer is configured: slips are only shown on screen</source>
            <translation>nessuna stampante configurata: le ricevute sono solo mostrate a schermo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="509" />
            <source>in a state the totem does not know: check it</source>
            <translation>in uno stato che il totem non conosce: controllala</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="505" />
            <source>the record was larger than the platform takes (very long answers or too many of them).</source>
            <translation>la pratica era più grande di quanto la piattaforma accetta (risposte molto lunghe, o troppe).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="509" />
            <source>the totem&apos;s clock was wrong when the record was made, so the platform could not tell when it was made.</source>
            <translation>l’orologio del totem era sbagliato quando la pratica è stata fatta, quindi la piattaforma non ha potuto sapere quando è stata fatta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="512" />
            <source>the citizen&apos;s wallet is locked after too many wrong PINs.</source>
            <translation>il portafoglio del cittadino è bloccato dopo troppi PIN sbagliati.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="514" />
            <source>the platform does not know the wallet the order names (it may have been replaced since).</source>
            <translation>la piattaforma non conosce il portafoglio indicato nell’ordine (forse nel frattempo è stato sostituito).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="518" />
            <source>the order did not show the citizen&apos;s wallet PIN as the platform has it (it may have changed since).</source>
            <translation>l’ordine non riportava il PIN del portafoglio del cittadino come lo conosce la piattaforma (forse nel frattempo è cambiato).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="522" />
            <source>the confirmation it carried (the citizen&apos;s wallet PIN, or a welfare manager&apos;s for a desk payment) had already paid another order.</source>
            <translation>la conferma che portava (il PIN del portafoglio del cittadino, o quella del welfare manager per un pagamento allo sportello) aveva già pagato un altro ordine.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="526" />
            <source>an order paid with credit did not name the citizen&apos;s wallet.</source>
            <translation>un ordine pagato con il credito non indicava il portafoglio del cittadino.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="529" />
            <source>the platform could not confirm that the welfare manager who assisted was logged in on this totem.</source>
            <translation>la piattaforma non ha potuto confermare che il welfare manager che ha assistito avesse fatto l’accesso a questo totem.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="533" />
            <source>the platform refused the new wallet PIN as too easy.</source>
            <translation>la piattaforma ha rifiutato il nuovo PIN del portafoglio perché troppo facile.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="535" />
            <source>the new wallet PIN waited too long to be sent (the totem was offline).</source>
            <translation>il nuovo PIN del portafoglio ha atteso troppo prima di partire (il totem era offline).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="529" />
            <source>the platform could not confirm the welfare manager&apos;s login at this totem for this Comune.</source>
            <translation>la piattaforma non ha potuto confermare l’accesso del welfare manager a questo totem per questo Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="541" />
            <source>the citizen&apos;s wallet belongs to another Comune.</source>
            <translation>il portafoglio del cittadino appartiene a un altro Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="594" />
            <source>call the citizen and make it again with them with shorter answers; if it is refused again, call the platform&apos;s help desk.</source>
            <translation>chiama il cittadino e rifalla con lui con risposte più brevi; se viene rifiutata di nuovo, chiama l’assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="598" />
            <source>have the totem&apos;s clock set right (the dashboard shows it), then call the citizen and make it again with them.</source>
            <translation>fai rimettere giusto l’orologio del totem (lo mostra questo pannello), poi chiama il cittadino e rifalla con lui.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="602" />
            <source>call the citizen: with an identity document they get a new PIN from you (Set a wallet PIN) or from the Comune, then make the order again with them; or they pay another way.</source>
            <translation>chiama il cittadino: con un documento d’identità riceve un nuovo PIN da te (Imposta un PIN del portafoglio) o dal Comune, poi rifai l’ordine con lui; oppure paga in un altro modo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they open their wallet with their PIN again, or pay another way.</source>
            <translation>chiama il cittadino e rifai l’ordine con lui: apre di nuovo il portafoglio con il suo PIN, oppure paga in un altro modo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they type their wallet PIN again, or pay another way.</source>
            <translation>chiama il cittadino e rifai l’ordine con lui: digita di nuovo il PIN del portafoglio, oppure paga in un altro modo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: the PIN is typed again for the new order (a desk payment is confirmed again by you).</source>
            <translation>chiama il cittadino e rifai l’ordine con lui: per il nuovo ordine si digita di nuovo il PIN (un pagamento allo sportello lo confermi di nuovo tu).</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="566" />
            <source>call the citizen and make the order again with them: they open their wallet with their PIN before paying with credit, or pay another way.</source>
            <translation>chiama il cittadino e rifai l’ordine con lui: prima di pagare con il credito apre il portafoglio con il suo PIN, oppure paga in un altro modo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="623" />
            <source>log in again, then call the citizen and make it again with them; if it is refused again, call the platform&apos;s help desk.</source>
            <translation>accedi di nuovo, poi chiama il cittadino e rifalla con lui; se viene rifiutata di nuovo, chiama l’assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="626" />
            <source>set a new PIN with the citizen again, a harder one.</source>
            <translation>imposta di nuovo un PIN con il cittadino, più difficile.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="627" />
            <source>set the PIN again with the citizen once the totem is online.</source>
            <translation>imposta di nuovo il PIN con il cittadino quando il totem è in linea.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="629" />
            <source>log out, log in again and set the PIN again with the citizen.</source>
            <translation>esci, rientra e imposta di nuovo il PIN con il cittadino.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_desk.py" line="632" />
            <source>tell the citizen: their PIN is set at a Social Point of that Comune, or by that Comune&apos;s offices.</source>
            <translation>avvisa il cittadino: il suo PIN si imposta a un Social Point di quel Comune o negli uffici di quel Comune.</translation>
        </message>
    </context>
    <context>
        <name>ManagerLoginScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="107" />
            <source>Type your operator code and your PIN.</source>
            <translation>Inserisci il tuo codice personale e il PIN.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/manager_login.py" line="107" />
            <source>%n digit(s), hidden</source>
            <translation>
                <numerusform>%n cifra, nascosta</numerusform>
                <numerusform>%n cifre, nascoste</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="127" />
            <source>Too many wrong PINs: this code is locked until {time}.</source>
            <translation>Troppi PIN errati: questo codice è bloccato fino alle {time}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="131" />
            <source>This operator is not enabled at this Social Point.</source>
            <translation>Questo welfare manager non è abilitato in questo Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="132" />
            <source>Operator code or PIN not right. Tries left: {n}.</source>
            <translation>Codice personale o PIN non corretti. Tentativi rimasti: {n}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="137" />
            <source>Operator access</source>
            <translation>Accesso welfare manager</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="139" />
            <source>For welfare managers only. Type your operator code and your PIN.</source>
            <translation>Riservato ai welfare manager. Inserisci il tuo codice personale e il PIN.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="141" />
            <location filename="../../kiosk/ui/screens/manager_login.py" line="146" />
            <source>Operator code</source>
            <translation>Codice personale</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="142" />
            <location filename="../../kiosk/ui/screens/manager_login.py" line="147" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="150" />
            <source>Checking…</source>
            <translation>Verifica in corso…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/manager_login.py" line="151" />
            <source>Log in</source>
            <translation>Entra</translation>
        </message>
    </context>
    <context>
        <name>NoticeView</name>
        <message>
            <location filename="../../kiosk/ui/widgets/privacy_notice.py" line="53" />
            <source>Before you give any personal data, please read how it will be used. You can print this notice and take it with you.</source>
            <translation>Prima di dare qualsiasi dato personale, leggi come verrà usato. Puoi stampare questa informativa e portarla con te.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/privacy_notice.py" line="21" />
            <source>Print the notice</source>
            <translation>Stampa l'informativa</translation>
        </message>
    </context>
    <context>
        <name>NumericKeypad</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="41" />
            <source>Delete</source>
            <translation>Cancella</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keypad.py" line="42" />
            <source>OK, confirm</source>
            <translation>OK, conferma</translation>
        </message>
    </context>
    <context>
        <name>OnScreenKeyboard</name>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="171" />
            <source>Type names in Latin letters (pinyin), as on your documents.</source>
            <translation>Scrivi i nomi in lettere latine (pinyin), come sui documenti.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="172" />
            <source>Other letters</source>
            <translation>Altre lettere</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="174" />
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="175" />
            <source>space</source>
            <translation>spazio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="176" />
            <source>Delete</source>
            <translation>Cancella</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="177" />
            <source>Capital letters</source>
            <translation>Maiuscole</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="178" />
            <source>Close</source>
            <translation>Chiudi</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>apostrophe</source>
            <translation>apostrofo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>comma</source>
            <translation>virgola</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="182" />
            <source>full stop</source>
            <translation>punto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>hyphen</source>
            <translation>trattino</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>minus</source>
            <translation>meno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>at sign</source>
            <translation>chiocciola</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="183" />
            <source>underscore</source>
            <translation>trattino basso</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>slash</source>
            <translation>barra</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/keyboard.py" line="184" />
            <source>plus</source>
            <translation>più</translation>
        </message>
    </context>
    <context>
        <name>OutOfService</name>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="44" />
            <source>This kiosk is out of service for a moment</source>
            <translation>Il totem è momentaneamente fuori servizio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="46" />
            <source>Please ask the welfare manager at the desk for help, or come back later.</source>
            <translation>Chiedi aiuto al welfare manager allo sportello, oppure torna più tardi.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/out_of_service.py" line="50" />
            <source>For the staff: the kiosk cannot start ({reason}). It tries again every minute; social-point doctor says more.</source>
            <translation>Per il personale: il totem non riesce ad avviarsi ({reason}). Riprova ogni minuto; social-point doctor dice di più.</translation>
        </message>
    </context>
    <context>
        <name>PrintController</name>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="93" />
            <source>Printing is not possible right now</source>
            <translation>In questo momento non si può stampare</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="94" />
            <source>Nothing was lost. Please ask the welfare manager at the desk.</source>
            <translation>Non si è perso nulla. Chiedi al welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/controllers/printer.py" line="95" />
            <source>OK</source>
            <translation>Ho capito</translation>
        </message>
    </context>
    <context>
        <name>PrintPanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="89" />
            <source>Your printout</source>
            <translation>La tua stampa</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="90" />
            <source>Done</source>
            <translation>Fatto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="97" />
            <source>Show this screen to the welfare manager, or take a photo of it.</source>
            <translation>Mostra questa schermata al welfare manager, oppure fotografala.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="98" />
            <source>This Social Point has no printer</source>
            <translation>Questo Social Point non ha una stampante</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Printed</source>
            <translation>Stampato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="100" />
            <source>Take your sheet from the printer.</source>
            <translation>Ritira il foglio dalla stampante.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="102" />
            <source>This sheet could not be printed</source>
            <translation>Questo foglio non si è potuto stampare</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="103" />
            <source>Ask the welfare manager for it: nothing is lost.</source>
            <translation>Chiedilo al welfare manager allo sportello: non si è perso nulla.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="105" />
            <source>Printing stopped half-way</source>
            <translation>La stampa si è interrotta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="106" />
            <source>Ask the welfare manager for a copy: nothing is lost.</source>
            <translation>Chiedi una copia al welfare manager: non si è perso nulla.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="111" />
            <source>The printer is out of paper</source>
            <translation>La stampante è senza carta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="113" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the paper is changed.</source>
            <translation>Avvisa il welfare manager allo sportello, oppure tocca «Chiedi aiuto». Il tuo foglio si stampa appena viene cambiata la carta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="119" />
            <source>The printer cover is open</source>
            <translation>Lo sportello della stampante è aperto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="121" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as it is closed.</source>
            <translation>Avvisa il welfare manager allo sportello, oppure tocca «Chiedi aiuto». Il tuo foglio si stampa appena viene chiuso.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="127" />
            <source>The printer is not answering</source>
            <translation>La stampante non risponde</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="129" />
            <source>Please tell the welfare manager at the desk, or tap “Ask for help”. Your sheet prints as soon as the printer is back.</source>
            <translation>Avvisa il welfare manager allo sportello, oppure tocca «Chiedi aiuto». Il tuo foglio si stampa appena la stampante torna a funzionare.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>Printing…</source>
            <translation>Stampa in corso…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/print_panel.py" line="133" />
            <source>This is what is being printed.</source>
            <translation>Ecco che cosa stai stampando.</translation>
        </message>
    </context>
    <context>
        <name>Privacy</name>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="26" />
            <source>Data controller</source>
            <translation>Titolare del trattamento</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="27" />
            <source>Why your data is used</source>
            <translation>Perché usiamo i tuoi dati</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="28" />
            <source>Legal basis</source>
            <translation>Base giuridica</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="29" />
            <source>How long it is kept</source>
            <translation>Per quanto tempo li conserviamo</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="30" />
            <source>Your rights</source>
            <translation>I tuoi diritti</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/privacy.py" line="31" />
            <source>Data protection officer</source>
            <translation>Responsabile della protezione dei dati</translation>
        </message>
    </context>
    <context>
        <name>ReviewView</name>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="31" />
            <source>Change</source>
            <translation>Modifica</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/application_review.py" line="48" />
            <source>The Comune examines every application: this kiosk does not decide who is admitted.</source>
            <translation>Il Comune esamina ogni domanda: non è questo totem a decidere chi viene ammesso.</translation>
        </message>
    </context>
    <context>
        <name>ScanNotice</name>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="87" />
            <source>Code read</source>
            <translation>Codice letto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/scan_notice.py" line="88" />
            <source>It is not needed on this page. You can carry on.</source>
            <translation>Non serve in questa pagina. Puoi continuare.</translation>
        </message>
    </context>
    <context>
        <name>ServiceDetailScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="144" />
            <source>Print these details</source>
            <translation>Stampa questa scheda</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="147" />
            <source>This service is no longer in the catalog.</source>
            <translation>Questo servizio non è più nel catalogo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="156" />
            <source>Add to cart</source>
            <translation>Aggiungi al carrello</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="158" />
            <source>✓ In your cart: {amount}. Change how many in the cart.</source>
            <translation>✓ Nel carrello: {amount}. Puoi cambiare la quantità nel carrello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="160" />
            <source>Open the cart</source>
            <translation>Apri il carrello</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="162" />
            <source>Who can use it</source>
            <translation>Chi può usarlo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="165" />
            <source>Residents of: {comuni}</source>
            <translation>Chi abita a: {comuni}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="168" />
            <source>Everyone, whichever Comune they live in</source>
            <translation>Tutti, in qualsiasi Comune abitino</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="169" />
            <source>Who provides it</source>
            <translation>Chi offre il servizio</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="173" />
            <source>Phone: {phone}</source>
            <translation>Telefono: {phone}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="178" />
            <source>E-mail: {email}</source>
            <translation>E-mail: {email}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="180" />
            <source>Address: {address}</source>
            <translation>Indirizzo: {address}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="182" />
            <source>Scan with your phone to save the provider's contact</source>
            <translation>Inquadra con il telefono per salvare il contatto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="190" />
            <source>Privacy notice</source>
            <translation>Informativa privacy</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="207" />
            <source>Your cart already holds {n} services, as many as one order can take. Complete this order first, then add this service in a new one.</source>
            <translation>Il carrello contiene già {n} servizi, il massimo per un ordine. Concludi prima questo ordine, poi aggiungi questo servizio in uno nuovo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="198" />
            <source>One less</source>
            <translation>Uno in meno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_detail.py" line="199" />
            <source>One more</source>
            <translation>Uno in più</translation>
        </message>
    </context>
    <context>
        <name>ServiceListScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="74" />
            <source>Services for residents of {comune}</source>
            <translation>Servizi per chi abita a {comune}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/service_list.py" line="76" />
            <source>Services for residents of every Comune of the network</source>
            <translation>Servizi per chi abita in tutti i Comuni della rete</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/screens/service_list.py" line="103" />
            <source>Show more services (%n more)</source>
            <translation>
                <numerusform>Mostra altri servizi (ne resta %n)</numerusform>
                <numerusform>Mostra altri servizi (ne restano %n)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Slips</name>
        <message>
            <location filename="../../kiosk/core/applying.py" line="87" />
            <source>The Comune will contact you after examining the application.</source>
            <translation>Il Comune ti contatterà dopo aver esaminato la domanda.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/applying.py" line="88" />
            <source>Keep this receipt: you need it to ask how your application is going.</source>
            <translation>Conserva questa ricevuta: serve per chiedere a che punto è la domanda.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="47" />
            <source>You pay the provider when you get the service. The kiosk never takes money.</source>
            <translation>Paghi al fornitore quando ricevi il servizio. Il totem non riceve denaro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="49" />
            <source>Paid with your welfare credit. The kiosk never takes money.</source>
            <translation>Pagato con il tuo credito welfare. Il totem non riceve denaro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="51" />
            <source>Paid at the Social Point desk.</source>
            <translation>Pagato allo sportello del Social Point.</translation>
        </message>
        <message>
            <location filename="../../kiosk/core/purchasing.py" line="53" />
            <source>One voucher per service comes out: show it to the provider.</source>
            <translation>Per ogni servizio esce un buono: mostralo al fornitore.</translation>
        </message>
    </context>
    <context>
        <name>SpokenMode</name>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="122" />
            <source>Spoken mode is on. Arrows or Tab move between controls, OK chooses, the back key goes back, the help key asks for help, F5 repeats, plus and minus change the volume.</source>
            <translation>Modalità vocale attiva. Le frecce o Tab passano da un comando all'altro, OK sceglie, il tasto indietro torna indietro, il tasto aiuto chiede aiuto, F5 ripete, più e meno cambiano il volume.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="158" />
            <source>text field</source>
            <translation>campo di testo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="161" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="176" />
            <source>empty</source>
            <translation>vuoto</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/spoken_mode.py" line="163" />
            <source>%n character(s), hidden</source>
            <translation>
                <numerusform>%n carattere, nascosto</numerusform>
                <numerusform>%n caratteri, nascosti</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="165" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="172" />
            <source>contains {text}</source>
            <translation>contiene {text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="167" />
            <location filename="../../kiosk/ui/spoken_mode.py" line="174" />
            <source>filled in, hidden: use a headset to hear it</source>
            <translation>compilato, nascosto: usa le cuffie per ascoltarlo</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="177" />
            <source>button</source>
            <translation>pulsante</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>selected</source>
            <translation>selezionato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="179" />
            <source>not selected</source>
            <translation>non selezionato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="181" />
            <source>not available</source>
            <translation>non disponibile</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="193" />
            <source>Screen: {title}</source>
            <translation>Schermata: {title}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="217" />
            <source>A receipt is being printed. Use a headset to hear what it says.</source>
            <translation>Si sta stampando una ricevuta. Usa le cuffie per ascoltare cosa dice.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="269" />
            <source>Error: {text}</source>
            <translation>Errore: {text}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="306" />
            <source>Volume {n} percent</source>
            <translation>Volume {n} per cento</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>plus</source>
            <translation>più</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>less than</source>
            <translation>minore di</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="82" />
            <source>more than</source>
            <translation>maggiore di</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="252" />
            <source>Personal details are not read on the loudspeaker: use a headset.</source>
            <translation>I dati personali non vengono letti dall’altoparlante: usa le cuffie.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/spoken_mode.py" line="265" />
            <source>a message with personal details: use a headset to hear it</source>
            <translation>un messaggio con dati personali: usa le cuffie per ascoltarlo</translation>
        </message>
    </context>
    <context>
        <name>StillTherePanel</name>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="76" />
            <source>Are you still there?</source>
            <translation>Sei ancora lì?</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/still_there.py" line="77" />
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n secondo</numerusform>
                <numerusform>%n secondi</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="79" />
            <source>When the time runs out, what you entered is cleared so the next person cannot see it, and the kiosk goes back to the start.</source>
            <translation>Allo scadere del tempo, quello che hai inserito viene cancellato perché la persona dopo di te non lo veda, e il totem torna all'inizio.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="81" />
            <source>Continue</source>
            <translation>Continua</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/still_there.py" line="82" />
            <source>I need more time</source>
            <translation>Mi serve più tempo</translation>
        </message>
    </context>
    <context>
        <name>SyncBadge</name>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>● Online</source>
            <translation>● In linea</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="35" />
            <source>○ Offline</source>
            <translation>○ Senza rete</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="37" />
            <source>%n record(s) waiting to be sent</source>
            <translation>
                <numerusform>%n pratica in attesa di invio</numerusform>
                <numerusform>%n pratiche in attesa di invio</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="42" />
            <source>synced at {time}</source>
            <translation>aggiornato alle {time}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/widgets/sync_badge.py" line="50" />
            <source>synced on {day} at {time}</source>
            <translation>aggiornato il {day} alle {time}</translation>
        </message>
    </context>
    <context>
        <name>Texts</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="72" />
            <source>Information only: no booking here</source>
            <translation>Solo informazioni: qui non si prenota</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="74" />
            <source>Free of charge</source>
            <translation>Gratuito</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="18" />
            <source>hour</source>
            <translation>ora</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="19" />
            <source>day</source>
            <translation>giorno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="20" />
            <source>week</source>
            <translation>settimana</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="21" />
            <source>month</source>
            <translation>mese</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="22" />
            <source>meal</source>
            <translation>pasto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="23" />
            <source>session</source>
            <translation>seduta</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="24" />
            <source>course</source>
            <translation>percorso</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="25" />
            <source>ride</source>
            <translation>corsa</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="26" />
            <source>delivery</source>
            <translation>consegna</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="27" />
            <source>kg</source>
            <translation>kg</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/texts.py" line="28" />
            <source>visit</source>
            <translation>accesso</translation>
        </message>
    </context>
    <context>
        <name>Validators</name>
        <message>
            <location filename="../../forms/validators.py" line="25" />
            <source>A codice fiscale has 16 characters: check that you typed them all.</source>
            <translation>Il codice fiscale ha 16 caratteri: controlla di averli scritti tutti.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="28" />
            <source>This codice fiscale is not valid: check its letters and digits.</source>
            <translation>Il codice fiscale non è valido: controlla lettere e numeri.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="31" />
            <source>This codice fiscale is not valid: its date of birth does not exist.</source>
            <translation>Il codice fiscale non è valido: la data di nascita non esiste.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="36" />
            <source>This codice fiscale is not valid: a letter or digit is wrong, compare it with the health card.</source>
            <translation>Il codice fiscale non è valido: una lettera o una cifra è sbagliata, confrontalo con la tessera sanitaria.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="41" />
            <source>An Italian IBAN has 27 characters and starts with IT.</source>
            <translation>L'IBAN italiano ha 27 caratteri e inizia con IT.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="44" />
            <source>This IBAN is not valid: check the digits, one may be wrong.</source>
            <translation>L'IBAN non è valido: controlla le cifre, una potrebbe essere sbagliata.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="47" />
            <source>This IBAN is not valid: check the letter after IT and its two digits (the CIN).</source>
            <translation>L'IBAN non è valido: controlla la lettera dopo IT e le due cifre (il CIN).</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="51" />
            <source>Type a whole phone number, like 347 123 4567 or +40 721 234 567.</source>
            <translation>Scrivi un numero di telefono completo, come 347 123 4567 o +40 721 234 567.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="54" />
            <source>This e-mail address is not valid: it should look like name@example.it.</source>
            <translation>L'indirizzo e-mail non è valido: deve essere come nome@esempio.it.</translation>
        </message>
        <message>
            <location filename="../../forms/validators.py" line="57" />
            <source>A postcode (CAP) has 5 digits, for example 35016.</source>
            <translation>Il CAP ha 5 cifre, per esempio 35016.</translation>
        </message>
    </context>
    <context>
        <name>WalletRefusal</name>
        <message numerus="yes">
            <location filename="../../kiosk/ui/widgets/identify.py" line="266" />
            <source>The codice fiscale or the wallet PIN is not right. Please try again (%n try(ies) left).</source>
            <translation>
                <numerusform>Il codice fiscale o il PIN del portafoglio non è giusto. Riprova (ti resta %n tentativo).</numerusform>
                <numerusform>Il codice fiscale o il PIN del portafoglio non è giusto. Riprova (tentativi rimasti: %n).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WalletScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="111" />
            <source>{left} left of {whole}</source>
            <translation>ne restano {left} su {whole}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="89" />
            <source>Code {code} · valid until {day}</source>
            <translation>Codice {code} · valido fino al {day}</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="92" />
            <source>Print</source>
            <translation>Stampa</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="98" />
            <source>My vouchers</source>
            <translation>I miei buoni</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="115" />
            <source>There are no vouchers in your name to print. If the Comune has just approved yours, it may take a few minutes to reach this kiosk.</source>
            <translation>Non ci sono buoni a tuo nome da stampare. Se il Comune ha appena approvato il tuo, può servire qualche minuto perché arrivi a questo totem.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="122" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot show your vouchers. Please ask a welfare manager, or try again later.</source>
            <translation>Questo Social Point non si è ancora collegato alla piattaforma del welfare, quindi non può mostrare i tuoi buoni. Chiedi al welfare manager allo sportello, oppure riprova più tardi.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="126" />
            <source>The voucher could not be printed. Please ask a welfare manager.</source>
            <translation>Non è stato possibile stampare il buono. Chiedi al welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="128" />
            <source>Your vouchers could not be read just now. Please try again, or ask a welfare manager.</source>
            <translation>In questo momento non è possibile leggere i tuoi buoni. Riprova, oppure chiedi al welfare manager allo sportello.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="117" />
            <source>Vouchers in your name, granted by the Comune or bought here, can be printed again. Type your codice fiscale or pass your health card over the reader, then your wallet PIN.</source>
            <translation>I buoni a tuo nome, concessi dal Comune o acquistati qui, si possono ristampare. Scrivi il tuo codice fiscale o passa la tessera sanitaria sul lettore, poi il PIN del portafoglio.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="160" />
            <source>For your safety, this kiosk will not open your wallet for 24 hours after too many tries. A welfare manager can help you at the desk with an identity document; nothing in your wallet is lost.</source>
            <translation>Per la tua sicurezza, dopo troppi tentativi questo totem non apre il tuo portafoglio per 24 ore. Il welfare manager può aiutarti allo sportello con un documento d&apos;identità; nel portafoglio non si perde nulla.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>For your safety, your wallet is locked after too many wrong PINs. The welfare manager or the Comune can give you a new PIN when you show an identity document; nothing in your wallet is lost.</source>
            <translation>Per la tua sicurezza, il tuo portafoglio è bloccato dopo troppi PIN sbagliati. Il welfare manager o il Comune ti danno un nuovo PIN se mostri un documento d&apos;identità; nel portafoglio non si perde nulla.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="167" />
            <source>Your wallet has just been closed here: its PIN was changed, or the platform closed it. Nothing in your wallet is lost. Please ask a welfare manager, who can help you with an identity document.</source>
            <translation>Il tuo portafoglio è stato appena chiuso qui: il suo PIN è stato cambiato, oppure la piattaforma lo ha chiuso. Nel portafoglio non si perde nulla. Chiedi a un welfare manager, che può aiutarti con un documento d'identità.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet.py" line="139" />
            <source>This Social Point has not reached the welfare platform yet, so it cannot open your wallet. Please ask a welfare manager, or try again later.</source>
            <translation>Questo Social Point non si è ancora collegato alla piattaforma welfare, quindi non può aprire il tuo portafoglio. Chiedi a un welfare manager o riprova più tardi.</translation>
        </message>
    </context>
    <context>
        <name>WalletPinScreen</name>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>‹ Dashboard</source>
            <translation>‹ Pannello</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>This kiosk has not reached the platform yet, so the PIN cannot be set here now. Try again when the dashboard shows it online.</source>
            <translation>Questo totem non ha ancora raggiunto la piattaforma, quindi ora il PIN non si può impostare qui. Riprova quando il pannello lo mostra in linea.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>This codice fiscale is not valid: check it on the document.</source>
            <translation>Questo codice fiscale non è valido: controllalo sul documento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The two PINs differ: type them again.</source>
            <translation>I due PIN sono diversi: scrivili di nuovo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The same PIN again</source>
            <translation>Ripeti lo stesso PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused this PIN as too easy: choose another.</source>
            <translation>La piattaforma ha rifiutato questo PIN perché troppo facile: scegline un altro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: the request waited too long to be sent (the kiosk was offline). Set the PIN again once the kiosk is online.</source>
            <translation>La piattaforma l&apos;ha rifiutato: la richiesta ha atteso troppo prima di partire (il totem era offline). Imposta di nuovo il PIN quando il totem è in linea.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: it could not confirm your login at this kiosk for this Comune. Log out, log in again and retry.</source>
            <translation>La piattaforma l&apos;ha rifiutato: non ha potuto confermare il tuo accesso a questo totem per questo Comune. Esci, rientra e riprova.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it ({code}). Call the platform&apos;s help desk.</source>
            <translation>La piattaforma l&apos;ha rifiutato ({code}). Chiama l&apos;assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform refused it: this citizen&apos;s wallet belongs to another Comune. Its PIN is set at a Social Point of that Comune, or by that Comune&apos;s offices.</source>
            <translation>La piattaforma l&apos;ha rifiutato: il portafoglio di questo cittadino appartiene a un altro Comune. Il suo PIN si imposta in un Social Point di quel Comune, o dagli uffici di quel Comune.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The platform does not know your operator code: call the platform&apos;s help desk.</source>
            <translation>La piattaforma non conosce il tuo codice personale: chiama l&apos;assistenza della piattaforma.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The citizen&apos;s codice fiscale</source>
            <translation>Codice fiscale del cittadino</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>The PIN has 6 to 8 digits.</source>
            <translation>Il PIN ha da 6 a 8 cifre.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>That did not work. Nothing was sent; try again.</source>
            <translation>Non è riuscito. Non è stato inviato nulla; riprova.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Set the PIN</source>
            <translation>Imposta il PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Set a citizen&apos;s wallet PIN</source>
            <translation>PIN del portafoglio di un cittadino</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Sent: the platform sets the PIN as soon as it receives it (usually within a minute)…</source>
            <translation>Inviato: la piattaforma imposta il PIN appena lo riceve (di solito entro un minuto)…</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Residence permit</source>
            <translation>Permesso di soggiorno</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Passport</source>
            <translation>Passaporto</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Not one digit repeated nor a run like 123456: choose another.</source>
            <translation>Non una cifra ripetuta né una sequenza come 123456: scegline un altro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>New wallet PIN (6 to 8 digits)</source>
            <translation>Nuovo PIN del portafoglio (da 6 a 8 cifre)</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Identity document you checked</source>
            <translation>Documento d&apos;identità controllato</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Identity card</source>
            <translation>Carta d&apos;identità</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>For a citizen who has no wallet PIN, forgot it, or whose wallet is locked by wrong PINs. Check an identity document first: the new PIN replaces the old one at every kiosk of the Comune and unlocks the wallet. Only the kind of document is recorded, with your operator code.</source>
            <translation>Per un cittadino che non ha il PIN del portafoglio, l&apos;ha dimenticato o ha il portafoglio bloccato per PIN sbagliati. Prima controlla un documento d&apos;identità: il nuovo PIN sostituisce il vecchio in tutti i totem del Comune e sblocca il portafoglio. Si registra solo il tipo di documento, con il tuo codice personale.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Driving licence</source>
            <translation>Patente</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Done: the PIN is set. The citizen can use it at this kiosk after the next sync, in a minute or two.</source>
            <translation>Fatto: il PIN è impostato. Il cittadino può usarlo a questo totem dopo la prossima sincronizzazione, tra un paio di minuti.</translation>
        </message>
        <message>
            <location filename="../../kiosk/ui/screens/wallet_pin.py" line="1" />
            <source>Choose the identity document you checked.</source>
            <translation>Scegli il documento d&apos;identità che hai controllato.</translation>
        </message>
    </context>
</TS>
