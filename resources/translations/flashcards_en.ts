<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BrowserWindow</name>
    <message numerus="yes">
        <source>%n card(s) suspended</source>
        <translation>
            <numerusform>%n card suspended</numerusform>
            <numerusform>%n cards suspended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) unsuspended</source>
        <translation>
            <numerusform>%n card unsuspended</numerusform>
            <numerusform>%n cards unsuspended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n card(s) new again? Their review history is kept.</source>
        <translation>
            <numerusform>Make %n card new again? Its review history is kept.</numerusform>
            <numerusform>Make %n cards new again? Their review history is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) reset to new</source>
        <translation>
            <numerusform>%n card reset to new</numerusform>
            <numerusform>%n cards reset to new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Session ended: %n answer(s) saved</source>
        <translation>
            <numerusform>Session ended: %n answer saved</numerusform>
            <numerusform>Session ended: %n answers saved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message numerus="yes">
        <source>{date}: %n review(s)</source>
        <translation>
            <numerusform>{date}: %n review</numerusform>
            <numerusform>{date}: %n reviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mean ease of the %n card(s) in review</source>
        <translation>
            <numerusform>Mean ease of the %n card in review</numerusform>
            <numerusform>Mean ease of the %n cards in review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{date}: %n card(s) due</source>
        <translation>
            <numerusform>{date}: %n card due</numerusform>
            <numerusform>{date}: %n cards due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>Studied %n card(s) in {time}.</source>
        <translation>
            <numerusform>Studied %n card in {time}.</numerusform>
            <numerusform>Studied %n cards in {time}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s): {grades}</source>
        <translation>
            <numerusform>%n answer: {grades}</numerusform>
            <numerusform>%n answers: {grades}</numerusform>
        </translation>
    </message>
</context>
</TS>
