<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CallsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="46"/>
        <source>Apply by {day} at {hour}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="49"/>
        <source>Who can apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="52"/>
        <source>What to bring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="60"/>
        <source>Calls and subsidies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="62"/>
        <source>Open now for residents of {comune}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="65"/>
        <source>To apply, ask the welfare manager at the desk: they will help you fill in the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="70"/>
        <source>There are no open calls right now. Ask the welfare manager about new ones.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/catalog.py" line="181"/>
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/catalog.py" line="207"/>
        <source>%n service(s) found for “{text}”</source>
        <translation>
            <numerusform>%n service found for “{text}”</numerusform>
            <numerusform>%n services found for “{text}”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="214"/>
        <source>Nothing found for “{text}”. Try another word, choose all the Comuni, or ask a welfare manager for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="224"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="225"/>
        <source>Search, for example: elderly, meals, babysitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="226"/>
        <source>Search services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="227"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="228"/>
        <source>For residents of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="229"/>
        <source>All Comuni</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="39"/>
        <source>Welcome to the {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="41"/>
        <source>How can we help you? Touch one of the buttons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="44"/>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="45"/>
        <source>Find care, help at home, courses and local shops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="50"/>
        <source>Calls and subsidies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="51"/>
        <source>Food vouchers, contributions and help from the Comune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="56"/>
        <source>Ask a welfare manager for help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="57"/>
        <source>A person at the Social Point will help you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="192"/>
        <source>Tell the welfare manager at the desk that you need help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="194"/>
        <source>The desk is staffed: {hours}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="196"/>
        <source>Where: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="198"/>
        <source>If nobody is here, call {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="199"/>
        <source>We are here to help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="199"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="206"/>
        <source>Comune of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="207"/>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="208"/>
        <source>⌂ Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="209"/>
        <source>Ask for help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="55"/>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="56"/>
        <source>space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="57"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="58"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <location filename="../../kiosk/ui/print_controller.py" line="70"/>
        <source>Printing is not possible right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_controller.py" line="71"/>
        <source>Nothing was lost. Please ask the welfare manager at the desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_controller.py" line="72"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="94"/>
        <source>Your printout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="95"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="102"/>
        <source>Show this screen to the welfare manager, or take a photo of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="103"/>
        <source>This Social Point has no printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="105"/>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="105"/>
        <source>Take your sheet from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="107"/>
        <source>Printing stopped half-way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="108"/>
        <source>Ask the welfare manager for a copy: nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="111"/>
        <source>Out of paper: a welfare manager has been told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="112"/>
        <source>Your sheet will print as soon as the paper is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="114"/>
        <source>The printer cover is open: a welfare manager has been told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="115"/>
        <source>Your sheet will print as soon as it is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="117"/>
        <source>The printer is not answering: a welfare manager has been told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="118"/>
        <source>Your sheet will print as soon as the printer is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="119"/>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/print_panel.py" line="119"/>
        <source>This is what is being printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="84"/>
        <source>Print these details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="87"/>
        <source>This service is no longer in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="93"/>
        <source>Who can use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="96"/>
        <source>Residents of: {comuni}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="99"/>
        <source>Everyone, whichever Comune they live in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="100"/>
        <source>Who provides it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="103"/>
        <source>Phone: {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="105"/>
        <source>E-mail: {email}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="107"/>
        <source>Address: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="109"/>
        <source>Scan with your phone to save the provider&apos;s contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service_list.py" line="69"/>
        <source>Services for residents of {comune}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_list.py" line="71"/>
        <source>Services for residents of every Comune of the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/service_list.py" line="116"/>
        <source>Show more services (%n more)</source>
        <translation>
            <numerusform>Show more services (%n more)</numerusform>
            <numerusform>Show more services (%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="32"/>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="32"/>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="34"/>
        <source>%n record(s) waiting to be sent</source>
        <translation>
            <numerusform>%n record waiting to be sent</numerusform>
            <numerusform>%n records waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="39"/>
        <source>synced at {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="32"/>
        <source>Information only: no booking here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="34"/>
        <source>Free of charge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="15"/>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="16"/>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="17"/>
        <source>week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="18"/>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="19"/>
        <source>meal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="20"/>
        <source>session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="21"/>
        <source>course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="22"/>
        <source>ride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="23"/>
        <source>delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="24"/>
        <source>kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="25"/>
        <source>visit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
