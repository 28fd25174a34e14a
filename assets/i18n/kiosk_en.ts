<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>CallsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="46" />
        <source>Apply by {day} at {hour}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="49" />
        <source>Who can apply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="52" />
        <source>What to bring</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="60" />
        <source>Calls and subsidies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="62" />
        <source>Open now for residents of {comune}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="65" />
        <source>To apply, ask the welfare manager at the desk: they will help you fill in the form.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/calls.py" line="70" />
        <source>There are no open calls right now. Ask the welfare manager about new ones.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/catalog.py" line="181" />
        <source>%n service(s)</source>
        <translation><numerusform>%n service</numerusform><numerusform>%n services</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/catalog.py" line="207" />
        <source>%n service(s) found for “{text}”</source>
        <translation><numerusform>%n service found for “{text}”</numerusform><numerusform>%n services found for “{text}”</numerusform></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="214" />
        <source>Nothing found for “{text}”. Try another word, choose all the Comuni, or ask a welfare manager for help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="224" />
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="225" />
        <source>Search, for example: elderly, meals, babysitter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="226" />
        <source>Search services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="227" />
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="228" />
        <source>For residents of:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalog.py" line="229" />
        <source>All Comuni</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="39" />
        <source>Welcome to the {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="41" />
        <source>How can we help you? Touch one of the buttons.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="44" />
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="45" />
        <source>Find care, help at home, courses and local shops</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="50" />
        <source>Calls and subsidies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="51" />
        <source>Food vouchers, contributions and help from the Comune</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="56" />
        <source>Ask a welfare manager for help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="57" />
        <source>A person at the Social Point will help you</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="189" />
        <source>Tell the welfare manager at the desk that you need help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="191" />
        <source>The desk is staffed: {hours}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="193" />
        <source>Where: {address}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="195" />
        <source>If nobody is here, call {phone}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="196" />
        <source>We are here to help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="196" />
        <source>OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="203" />
        <source>Comune of {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="204" />
        <source>‹ Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="205" />
        <source>⌂ Home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="206" />
        <source>Ask for help</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="55" />
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="56" />
        <source>space</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="57" />
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keyboard.py" line="58" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ServiceDetailScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="73" />
        <source>This service is no longer in the catalog.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="79" />
        <source>Who can use it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="82" />
        <source>Residents of: {comuni}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="85" />
        <source>Everyone, whichever Comune they live in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="86" />
        <source>Who provides it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="89" />
        <source>Phone: {phone}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="91" />
        <source>E-mail: {email}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="93" />
        <source>Address: {address}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_detail.py" line="95" />
        <source>Scan with your phone to save the provider's contact</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ServiceListScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service_list.py" line="64" />
        <source>Services for residents of {comune}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service_list.py" line="66" />
        <source>Services for residents of every Comune of the network</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/service_list.py" line="96" />
        <source>Show more services (%n more)</source>
        <translation><numerusform>Show more services (%n more)</numerusform><numerusform>Show more services (%n more)</numerusform></translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="31" />
        <source>● Online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="31" />
        <source>○ Offline</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="33" />
        <source>%n record(s) waiting to be sent</source>
        <translation><numerusform>%n record waiting to be sent</numerusform><numerusform>%n records waiting to be sent</numerusform></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/sync_badge.py" line="36" />
        <source>synced at {time}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="32" />
        <source>Information only: no booking here</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="34" />
        <source>Free of charge</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="15" />
        <source>hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="16" />
        <source>day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="17" />
        <source>week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="18" />
        <source>month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="19" />
        <source>meal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="20" />
        <source>session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="21" />
        <source>course</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="22" />
        <source>ride</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="23" />
        <source>delivery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="24" />
        <source>kg</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="25" />
        <source>visit</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>