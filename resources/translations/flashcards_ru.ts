<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Application</name>
    <message>
        <source>Flashcards</source>
        <translation>Карточки</translation>
    </message>
    <message>
        <source>The collection {path} is already open in another flashcards window or command (process {process}). Close it there and try again.</source>
        <translation>Коллекция {path} уже открыта в другом окне или команде flashcards (процесс {process}). Закройте её там и попробуйте снова.</translation>
    </message>
    <message>
        <source>The collection {path} is already open in another flashcards window or command. Close it there and try again.</source>
        <translation>Коллекция {path} уже открыта в другом окне или команде flashcards. Закройте её там и попробуйте снова.</translation>
    </message>
    <message>
        <source>Cannot open the collection</source>
        <translation>Не удаётся открыть коллекцию</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <source>First start: importing the bundled decks...</source>
        <translation>Первый запуск: импортируются встроенные колоды...</translation>
    </message>
</context>
<context>
    <name>BrowserWindow</name>
    <message>
        <source>Browse cards</source>
        <translation>Обзор карточек</translation>
    </message>
    <message>
        <source>Search: words, deck:NAME, tag:NAME, is:due, is:new, is:suspended, is:retired</source>
        <translation>Поиск: слова, deck:ИМЯ, tag:ИМЯ, is:due, is:new, is:suspended, is:retired</translation>
    </message>
    <message>
        <source>How to search</source>
        <translation>Как искать</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Приостановить</translation>
    </message>
    <message>
        <source>Suspend the selected cards (Ctrl+J)</source>
        <translation>Приостановить выбранные карточки (Ctrl+J)</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>Возобновить</translation>
    </message>
    <message>
        <source>Unsuspend the selected cards (Ctrl+Shift+J)</source>
        <translation>Возобновить выбранные карточки (Ctrl+Shift+J)</translation>
    </message>
    <message>
        <source>Reset Progress...</source>
        <translation>Сбросить прогресс...</translation>
    </message>
    <message>
        <source>Make the selected cards new again; their review history is kept (Ctrl+Alt+N)</source>
        <translation>Сделать выбранные карточки снова новыми; история повторений сохранится (Ctrl+Alt+N)</translation>
    </message>
    <message>
        <source>Open Note</source>
        <translation>Открыть заметку</translation>
    </message>
    <message>
        <source>Open the note of this card at its line (Ctrl+E)</source>
        <translation>Открыть заметку этой карточки на её строке (Ctrl+E)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Интервал</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Words are searched in the front and back of cards; every term must match.

deck:NAME — a deck and its children (deck:kubernetes::06-helm)
tag:NAME — a tag and its children
is:due — due today
is:new — never studied
is:suspended — suspended
is:retired — text left the notes (hidden otherwise)

&quot;two words&quot; searches a phrase, * is a wildcard, a leading - negates a term (-is:suspended).</source>
        <translation>Слова ищутся на лицевой и обратной стороне карточек; должны совпасть все условия.

deck:ИМЯ — колода и её подколоды (deck:kubernetes::06-helm)
tag:ИМЯ — метка и вложенные метки
is:due — к повторению сегодня
is:new — ещё не изучались
is:suspended — приостановлены
is:retired — текст исчез из заметок (иначе скрыты)

&quot;два слова&quot; — поиск фразы, * — любые символы, минус в начале исключает условие (-is:suspended).</translation>
    </message>
    <message>
        <source>An import is running; search again when it ends.</source>
        <translation>Идёт импорт; повторите поиск, когда он закончится.</translation>
    </message>
    <message>
        <source>{shown} cards shown, {selected} selected</source>
        <translation>Показано карточек: {shown}, выбрано: {selected}</translation>
    </message>
    <message>
        <source>No card selected</source>
        <translation>Карточка не выбрана</translation>
    </message>
    <message>
        <source>Deck: {deck}</source>
        <translation>Колода: {deck}</translation>
    </message>
    <message>
        <source>Note: {where}</source>
        <translation>Заметка: {where}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Состояние: {state}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>Метки: {tags}</translation>
    </message>
    <message>
        <source>learn</source>
        <translation>изучение</translation>
    </message>
    <message>
        <source>review</source>
        <translation>повторение</translation>
    </message>
    <message>
        <source>relearn</source>
        <translation>переучивание</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>повтор в тот же день</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) suspended</source>
        <translation>
            <numerusform>%n карточка приостановлена</numerusform>
            <numerusform>%n карточки приостановлены</numerusform>
            <numerusform>%n карточек приостановлено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) unsuspended</source>
        <translation>
            <numerusform>%n карточка возобновлена</numerusform>
            <numerusform>%n карточки возобновлены</numerusform>
            <numerusform>%n карточек возобновлено</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset progress</source>
        <translation>Сброс прогресса</translation>
    </message>
    <message numerus="yes">
        <source>Make %n card(s) new again? Their review history is kept.</source>
        <translation>
            <numerusform>Сделать %n карточку снова новой? История повторений сохранится.</numerusform>
            <numerusform>Сделать %n карточки снова новыми? История повторений сохранится.</numerusform>
            <numerusform>Сделать %n карточек снова новыми? История повторений сохранится.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) reset to new</source>
        <translation>
            <numerusform>%n карточка снова новая</numerusform>
            <numerusform>%n карточки снова новые</numerusform>
            <numerusform>%n карточек снова новые</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardTableModel</name>
    <message>
        <source>Front</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Колода</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Интервал</translation>
    </message>
    <message>
        <source>Ease</source>
        <translation>Лёгкость</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Повторы</translation>
    </message>
    <message>
        <source>Lapses</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>изучается</translation>
    </message>
    <message>
        <source>young</source>
        <translation>молодая</translation>
    </message>
    <message>
        <source>mature</source>
        <translation>зрелая</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>приостановлена</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>удалена из заметок</translation>
    </message>
    <message>
        <source>buried</source>
        <translation>отложена</translation>
    </message>
</context>
<context>
    <name>DeckListPage</name>
    <message>
        <source>Decks</source>
        <translation>Колоды</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Колода</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новые</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Повтор</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>К повторению</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Учить</translation>
    </message>
    <message>
        <source>Start a session for the selected deck (Enter)</source>
        <translation>Начать занятие по выбранной колоде (Enter)</translation>
    </message>
    <message>
        <source>No cards yet. Use File › Import folder... (Ctrl+O) to turn your Markdown notes into cards.</source>
        <translation>Карточек пока нет. Выберите Файл › Импорт папки... (Ctrl+O), чтобы превратить заметки Markdown в карточки.</translation>
    </message>
    <message>
        <source>Export to Anki...</source>
        <translation>Экспорт в Anki...</translation>
    </message>
    <message>
        <source>Open Notes in Editor</source>
        <translation>Открыть заметки в редакторе</translation>
    </message>
    <message>
        <source>Today: {new} new, {repeat} to repeat, {due} due</source>
        <translation>Сегодня: новых {new}, повторить {repeat}, к повторению {due}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Anki</source>
        <translation>Экспорт в Anki</translation>
    </message>
    <message>
        <source>Deck to export (with its sub-decks):</source>
        <translation>Колода для экспорта (с подколодами):</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>Все колоды</translation>
    </message>
    <message>
        <source>Include review progress (intervals, due dates, suspended cards, review history)</source>
        <translation>Включить прогресс (интервалы, сроки, приостановленные карточки, историю повторений)</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Выбрать...</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <source>Anki package (*.apkg)</source>
        <translation>Пакет Anki (*.apkg)</translation>
    </message>
    <message>
        <source>Cannot write {0}: the folder {1} does not exist.</source>
        <translation>Не удаётся записать {0}: папки {1} не существует.</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1} is not a folder.</source>
        <translation>Не удаётся записать {0}: {1} — не папка.</translation>
    </message>
    <message>
        <source>{0} is a folder: give a file name ending with .apkg.</source>
        <translation>{0} — это папка: укажите имя файла с окончанием .apkg.</translation>
    </message>
    <message>
        <source>Cannot write {0}: no permission to write into the folder {1}.</source>
        <translation>Не удаётся записать {0}: нет прав на запись в папку {1}.</translation>
    </message>
    <message>
        <source>Cannot write the package {0} ({1}).</source>
        <translation>Не удаётся записать пакет {0} ({1}).</translation>
    </message>
    <message>
        <source>There are no cards to export.</source>
        <translation>Нет карточек для экспорта.</translation>
    </message>
    <message>
        <source>The deck {0} has no cards to export.</source>
        <translation>В колоде {0} нет карточек для экспорта.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n дн.</numerusform>
            <numerusform>%n дн.</numerusform>
            <numerusform>%n дн.</numerusform>
        </translation>
    </message>
    <message>
        <source>{months} mo</source>
        <translation>{months} мес.</translation>
    </message>
    <message>
        <source>{years} y</source>
        <translation>{years} г.</translation>
    </message>
    <message>
        <source>&lt;{m} min</source>
        <translation>&lt;{m} мин</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} с</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} мин {s:02d} с</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} ч {m:02d} мин</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>Отчёт об импорте</translation>
    </message>
    <message>
        <source>Imported {folder}</source>
        <translation>Импортировано: {folder}</translation>
    </message>
    <message>
        <source>File / line</source>
        <translation>Файл / строка</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Double-click a line (or press Enter) to open the note there.</source>
        <translation>Дважды щёлкните строку (или нажмите Enter), чтобы открыть заметку в этом месте.</translation>
    </message>
    <message>
        <source>{n} new</source>
        <translation>новых: {n}</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>обновлено: {n}</translation>
    </message>
    <message>
        <source>{n} moved</source>
        <translation>перемещено: {n}</translation>
    </message>
    <message>
        <source>{n} retired</source>
        <translation>удалено из заметок: {n}</translation>
    </message>
    <message>
        <source>{n} restored</source>
        <translation>восстановлено: {n}</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>без изменений: {n}</translation>
    </message>
    <message>
        <source>Cards: {parts}.</source>
        <translation>Карточки: {parts}.</translation>
    </message>
    <message>
        <source>Files read: {parsed}; unchanged files skipped: {skipped}.</source>
        <translation>Прочитано файлов: {parsed}; пропущено неизменённых: {skipped}.</translation>
    </message>
    <message>
        <source>files that could not be read: {n}</source>
        <translation>не удалось прочитать файлов: {n}</translation>
    </message>
    <message>
        <source>lines that gave no card: {n}</source>
        <translation>строк без карточки: {n}</translation>
    </message>
    <message>
        <source>empty sections: {n}</source>
        <translation>пустых разделов: {n}</translation>
    </message>
    <message>
        <source>warnings: {n}</source>
        <translation>предупреждений: {n}</translation>
    </message>
    <message>
        <source>edited fronts that kept their history: {n}</source>
        <translation>изменённых вопросов с сохранённой историей: {n}</translation>
    </message>
    <message>
        <source>Look at: {list}.</source>
        <translation>Обратите внимание: {list}.</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>cannot read</source>
        <translation>не читается</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <source>empty section</source>
        <translation>пустой раздел</translation>
    </message>
    <message>
        <source>history kept</source>
        <translation>история сохранена</translation>
    </message>
    <message>
        <source>front edited: was “{old}”</source>
        <translation>вопрос изменён, было: «{old}»</translation>
    </message>
    <message>
        <source>{file}  ({n} to look at)</source>
        <translation>{file}  (проверить: {n})</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>строка {line}</translation>
    </message>
    <message>
        <source>whole file</source>
        <translation>весь файл</translation>
    </message>
    <message>
        <source>the part before the separator is more than one sentence</source>
        <translation>часть до разделителя длиннее одного предложения</translation>
    </message>
    <message>
        <source>the part before the separator is too long for a term ({0} words)</source>
        <translation>часть до разделителя слишком длинна для термина (слов: {0})</translation>
    </message>
    <message>
        <source>the part before the separator is too long for a term ({0} characters)</source>
        <translation>часть до разделителя слишком длинна для термина (символов: {0})</translation>
    </message>
    <message>
        <source>a code block with no question above it: put a line ending with `:` (or `Term - example:`) right above it</source>
        <translation>блок кода без вопроса над ним: поставьте прямо над ним строку, которая оканчивается на `:` (или `Термин - пример:`)</translation>
    </message>
    <message>
        <source>raw HTML is not a card (it is shown escaped)</source>
        <translation>HTML-разметка не становится карточкой (она показывается как текст)</translation>
    </message>
    <message>
        <source>tables are not read as cards; write `Term - definition` lines</source>
        <translation>таблицы не превращаются в карточки; пишите строки `Термин - определение`</translation>
    </message>
    <message>
        <source>a heading inside a list is not a card</source>
        <translation>заголовок внутри списка не становится карточкой</translation>
    </message>
    <message>
        <source>no term before the separator</source>
        <translation>перед разделителем нет термина</translation>
    </message>
    <message>
        <source>a bare term: used as context for the lines below it</source>
        <translation>отдельный термин: служит контекстом для строк ниже</translation>
    </message>
    <message>
        <source>a term with no definition: add ` - definition`</source>
        <translation>термин без определения: допишите ` - определение`</translation>
    </message>
    <message>
        <source>no `Term - definition` separator and no list below it</source>
        <translation>нет разделителя `Термин - определение` и нет списка ниже</translation>
    </message>
    <message>
        <source>`{0}` needs text on both sides</source>
        <translation>`{0}` требует текста с обеих сторон</translation>
    </message>
    <message>
        <source>`{0}` needs a question above it and an answer below it</source>
        <translation>`{0}` требует вопроса над собой и ответа под собой</translation>
    </message>
    <message>
        <source>a card side would be empty</source>
        <translation>одна из сторон карточки оказалась бы пустой</translation>
    </message>
    <message>
        <source>the same front as line {0} in this deck; both are kept as separate cards</source>
        <translation>та же лицевая сторона, что в строке {0} этой колоды; обе сохранены как отдельные карточки</translation>
    </message>
    <message>
        <source>the same card appears twice; the first one is kept</source>
        <translation>одна и та же карточка встречается дважды; оставлена первая</translation>
    </message>
    <message>
        <source>cannot read the file: {0}</source>
        <translation>не удаётся прочитать файл: {0}</translation>
    </message>
    <message>
        <source>cannot read: {0}</source>
        <translation>не читается: {0}</translation>
    </message>
    <message>
        <source>a binary file, not a text note</source>
        <translation>двоичный файл, а не текстовая заметка</translation>
    </message>
    <message>
        <source>not valid UTF-8 (line {0}, byte {1})</source>
        <translation>не в кодировке UTF-8 (строка {0}, байт {1})</translation>
    </message>
    <message>
        <source>front matter is not valid YAML: {0}</source>
        <translation>блок front matter — некорректный YAML: {0}</translation>
    </message>
    <message>
        <source>front matter is not a YAML mapping</source>
        <translation>блок front matter не является словарём YAML</translation>
    </message>
    <message>
        <source>{problem}; the line is not split into a card</source>
        <translation>{problem}; строка не разбита на карточку</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Flashcards</source>
        <translation>Карточки</translation>
    </message>
    <message>
        <source>&amp;Decks</source>
        <translation>&amp;Колоды</translation>
    </message>
    <message>
        <source>Back to the deck list; answers given are kept</source>
        <translation>Назад к списку колод; данные ответы сохранены</translation>
    </message>
    <message>
        <source>&amp;Study Deck</source>
        <translation>&amp;Учить колоду</translation>
    </message>
    <message>
        <source>Study the selected deck</source>
        <translation>Учить выбранную колоду</translation>
    </message>
    <message>
        <source>&amp;Import Folder...</source>
        <translation>&amp;Импорт папки...</translation>
    </message>
    <message>
        <source>Turn a folder of Markdown notes into cards</source>
        <translation>Превратить папку заметок Markdown в карточки</translation>
    </message>
    <message>
        <source>&amp;Re-import Notes</source>
        <translation>&amp;Повторный импорт заметок</translation>
    </message>
    <message>
        <source>Import the notes folder again</source>
        <translation>Снова импортировать папку заметок</translation>
    </message>
    <message>
        <source>&amp;Export to Anki...</source>
        <translation>&amp;Экспорт в Anki...</translation>
    </message>
    <message>
        <source>Write an Anki package (.apkg)</source>
        <translation>Записать пакет Anki (.apkg)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Undo Answer</source>
        <translation>&amp;Отменить ответ</translation>
    </message>
    <message>
        <source>Take back the last answer and show that card again</source>
        <translation>Отменить последний ответ и снова показать ту карточку</translation>
    </message>
    <message>
        <source>Show &amp;Answer</source>
        <translation>Показать &amp;ответ</translation>
    </message>
    <message>
        <source>Show the answer; on the answer, grade Good</source>
        <translation>Показать ответ; на стороне ответа — оценка «Хорошо»</translation>
    </message>
    <message>
        <source>Answer with key {key}</source>
        <translation>Ответить клавишей {key}</translation>
    </message>
    <message>
        <source>S&amp;uspend Card</source>
        <translation>&amp;Приостановить карточку</translation>
    </message>
    <message>
        <source>Never show this card until it is unsuspended</source>
        <translation>Не показывать карточку, пока её не возобновят</translation>
    </message>
    <message>
        <source>&amp;Bury Card</source>
        <translation>Отло&amp;жить карточку</translation>
    </message>
    <message>
        <source>Hide this card until tomorrow</source>
        <translation>Скрыть карточку до завтра</translation>
    </message>
    <message>
        <source>&amp;Open Note in Editor</source>
        <translation>Открыть заметку в &amp;редакторе</translation>
    </message>
    <message>
        <source>Open the note of this card at its line</source>
        <translation>Открыть заметку этой карточки на её строке</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>&amp;Обзор карточек</translation>
    </message>
    <message>
        <source>Find and fix cards</source>
        <translation>Найти и исправить карточки</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>&amp;Статистика</translation>
    </message>
    <message>
        <source>Reviews, retention and forecast</source>
        <translation>Повторения, запоминание и прогноз</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>&amp;Настройки...</translation>
    </message>
    <message>
        <source>Limits, answer mode, theme</source>
        <translation>Лимиты, режим ответа, тема</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Горячие клавиши</translation>
    </message>
    <message>
        <source>&amp;About Flashcards</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Study</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Инструменты</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message numerus="yes">
        <source>Session ended: %n answer(s) saved</source>
        <translation>
            <numerusform>Занятие окончено: сохранён %n ответ</numerusform>
            <numerusform>Занятие окончено: сохранено %n ответа</numerusform>
            <numerusform>Занятие окончено: сохранено %n ответов</numerusform>
        </translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Главная</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Нечего отменять</translation>
    </message>
    <message>
        <source>Opened {file}:{line}</source>
        <translation>Открыт {file}:{line}</translation>
    </message>
    <message>
        <source>This deck has no cards</source>
        <translation>В этой колоде нет карточек</translation>
    </message>
    <message>
        <source>Import a folder of notes</source>
        <translation>Импорт папки заметок</translation>
    </message>
    <message>
        <source>Re-import Notes</source>
        <translation>Повторный импорт заметок</translation>
    </message>
    <message>
        <source>The notes folder {folder} is not there any more (moved or deleted?). Choose it again with Import Folder (Ctrl+O); your cards and their history are kept.</source>
        <translation>Папки заметок {folder} больше нет (перемещена или удалена?). Выберите её заново через «Импорт папки» (Ctrl+O); карточки и их история сохранены.</translation>
    </message>
    <message>
        <source>Imported {folder}: {new} new, {updated} updated, {retired} retired</source>
        <translation>Импортировано {folder}: новых {new}, обновлено {updated}, удалено из заметок {retired}</translation>
    </message>
    <message>
        <source>Importing notes...</source>
        <translation>Импорт заметок...</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> и ещё {n}</translation>
    </message>
    <message>
        <source>{files} changed on disk: re-imported ({new} new, {updated} updated, {retired} retired)</source>
        <translation>{files} изменились на диске: импортированы снова (новых {new}, обновлено {updated}, удалено из заметок {retired})</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <source>Exported {cards} cards ({notes} notes) to {file}</source>
        <translation>Экспортировано карточек: {cards} (заметок: {notes}) в {file}</translation>
    </message>
    <message>
        <source>Export to Anki</source>
        <translation>Экспорт в Anki</translation>
    </message>
    <message>
        <source>{n} images referenced by the notes were not packed (see details).</source>
        <translation>Изображений из заметок не упаковано: {n} (см. подробности).</translation>
    </message>
    <message>
        <source>Exporting to Anki...</source>
        <translation>Экспорт в Anki...</translation>
    </message>
    <message>
        <source>This screen is not available yet</source>
        <translation>Этот экран пока недоступен</translation>
    </message>
    <message>
        <source>Again / Hard / Good / Easy (six-grade mode: 0 to 5)</source>
        <translation>Снова / Трудно / Хорошо / Легко (режим шести оценок: от 0 до 5)</translation>
    </message>
    <message>
        <source>Study the selected deck (deck list)</source>
        <translation>Учить выбранную колоду (список колод)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>About Flashcards</source>
        <translation>О программе «Карточки»</translation>
    </message>
    <message>
        <source>Flashcards {version}: Markdown notes become spaced-repetition cards, studied offline with SM-2 and exported to Anki.</source>
        <translation>Карточки {version}: заметки Markdown превращаются в карточки для интервальных повторений, которые изучаются без сети по SM-2 и экспортируются в Anki.</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>All decks</source>
        <translation>Все колоды</translation>
    </message>
    <message>
        <source>Image not shown: {details}</source>
        <translation>Изображение не показано: {details}</translation>
    </message>
    <message>
        <source>a web image, shown as a link</source>
        <translation>изображение из интернета, показано ссылкой</translation>
    </message>
    <message>
        <source>only image files from the notes folder are shown</source>
        <translation>показываются только файлы изображений из папки заметок</translation>
    </message>
    <message>
        <source>no notes folder to read it from</source>
        <translation>нет папки заметок, из которой его можно взять</translation>
    </message>
    <message>
        <source>not a valid file path</source>
        <translation>недопустимый путь к файлу</translation>
    </message>
    <message>
        <source>outside the notes folder</source>
        <translation>вне папки заметок</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>файл не найден</translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation>Не записано: {reason}</translation>
    </message>
    <message>
        <source>Suspension undone</source>
        <translation>Приостановка отменена</translation>
    </message>
    <message>
        <source>Burial undone</source>
        <translation>Откладывание отменено</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Нечего отменять</translation>
    </message>
    <message>
        <source>Answer undone</source>
        <translation>Ответ отменён</translation>
    </message>
    <message>
        <source>Card suspended</source>
        <translation>Карточка приостановлена</translation>
    </message>
    <message>
        <source>Card buried until tomorrow</source>
        <translation>Карточка отложена до завтра</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>New / to repeat today / due</source>
        <translation>Новые / повторить сегодня / к повторению</translation>
    </message>
    <message>
        <source>Time in this session</source>
        <translation>Время этого занятия</translation>
    </message>
    <message>
        <source>Show Answer</source>
        <translation>Показать ответ</translation>
    </message>
    <message>
        <source>Show the answer (Space or Enter)</source>
        <translation>Показать ответ (Пробел или Enter)</translation>
    </message>
    <message>
        <source>Key {key}</source>
        <translation>Клавиша {key}</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Снова</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Трудно</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Хорошо</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Легко</translation>
    </message>
    <message>
        <source>Blackout</source>
        <translation>Полный провал</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <source>Familiar</source>
        <translation>Знакомо</translation>
    </message>
    <message>
        <source>Perfect</source>
        <translation>Отлично</translation>
    </message>
    <message>
        <source>{title}: next in {interval} (key {key})</source>
        <translation>{title}: следующий раз через {interval} (клавиша {key})</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Study (this collection)</source>
        <translation>Обучение (эта коллекция)</translation>
    </message>
    <message>
        <source>&amp;New cards per day:</source>
        <translation>&amp;Новых карточек в день:</translation>
    </message>
    <message>
        <source>&amp;Reviews per day:</source>
        <translation>&amp;Повторений в день:</translation>
    </message>
    <message>
        <source>Next day &amp;starts at:</source>
        <translation>&amp;Следующий день начинается в:</translation>
    </message>
    <message>
        <source>&amp;Answer buttons:</source>
        <translation>&amp;Кнопки ответа:</translation>
    </message>
    <message>
        <source>Answers given before this hour count for the previous day, as in Anki.</source>
        <translation>Ответы до этого часа засчитываются в предыдущий день, как в Anki.</translation>
    </message>
    <message>
        <source>Four buttons: Again, Hard, Good, Easy</source>
        <translation>Четыре кнопки: Снова, Трудно, Хорошо, Легко</translation>
    </message>
    <message>
        <source>Six grades: SM-2&apos;s 0 to 5</source>
        <translation>Шесть оценок SM-2: от 0 до 5</translation>
    </message>
    <message>
        <source>Appearance (this computer)</source>
        <translation>Внешний вид (этот компьютер)</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Card &amp;font size:</source>
        <translation>&amp;Размер шрифта карточек:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> пт</translation>
    </message>
    <message>
        <source>Notes folder</source>
        <translation>Папка заметок</translation>
    </message>
    <message>
        <source>The folder of Markdown notes to import</source>
        <translation>Папка с заметками Markdown для импорта</translation>
    </message>
    <message>
        <source>&amp;Choose...</source>
        <translation>&amp;Выбрать...</translation>
    </message>
    <message>
        <source>The notes folder {folder} does not exist.</source>
        <translation>Папки заметок {folder} не существует.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Настройки сохранены.</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>Deck:</source>
        <translation>Колода:</translation>
    </message>
    <message>
        <source>All decks</source>
        <translation>Все колоды</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Reviews today</source>
        <translation>Повторений сегодня</translation>
    </message>
    <message>
        <source>Reviews, last 365 days</source>
        <translation>Повторений за 365 дней</translation>
    </message>
    <message>
        <source>Days studied</source>
        <translation>Дней занятий</translation>
    </message>
    <message>
        <source>Time today</source>
        <translation>Время сегодня</translation>
    </message>
    <message>
        <source>Time, last 365 days</source>
        <translation>Время за 365 дней</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Запоминание</translation>
    </message>
    <message>
        <source>Average ease</source>
        <translation>Средняя лёгкость</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Карточек</translation>
    </message>
    <message>
        <source>Reviews per day</source>
        <translation>Повторения по дням</translation>
    </message>
    <message>
        <source>The last year; the stronger the colour, the more reviews.</source>
        <translation>Последний год; чем насыщеннее цвет, тем больше повторений.</translation>
    </message>
    <message>
        <source>Due forecast</source>
        <translation>Прогноз повторений</translation>
    </message>
    <message>
        <source>Reviews due in the next 30 days; today includes overdue cards.</source>
        <translation>Повторения на ближайшие 30 дней; сегодня — вместе с просроченными карточками.</translation>
    </message>
    <message>
        <source>Retention per week</source>
        <translation>Запоминание по неделям</translation>
    </message>
    <message>
        <source>Share of scheduled reviews graded 3 or better (Good in the four-button mode).</source>
        <translation>Доля плановых повторений с оценкой 3 и выше («Хорошо» в режиме четырёх кнопок).</translation>
    </message>
    <message>
        <source>Cards by state</source>
        <translation>Карточки по состоянию</translation>
    </message>
    <message>
        <source>Young cards have an interval under 21 days, mature ones 21 days or more.</source>
        <translation>У молодых карточек интервал меньше 21 дня, у зрелых — 21 день и больше.</translation>
    </message>
    <message>
        <source>Nothing due in the next 30 days</source>
        <translation>В ближайшие 30 дней повторять нечего</translation>
    </message>
    <message>
        <source>No scheduled reviews yet</source>
        <translation>Плановых повторений пока не было</translation>
    </message>
    <message>
        <source>No cards yet</source>
        <translation>Карточек пока нет</translation>
    </message>
    <message numerus="yes">
        <source>{date}: %n review(s)</source>
        <translation>
            <numerusform>{date}: %n повторение</numerusform>
            <numerusform>{date}: %n повторения</numerusform>
            <numerusform>{date}: %n повторений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mean ease of the %n card(s) in review</source>
        <translation>
            <numerusform>Средняя лёгкость %n карточки на повторении</numerusform>
            <numerusform>Средняя лёгкость %n карточек на повторении</numerusform>
            <numerusform>Средняя лёгкость %n карточек на повторении</numerusform>
        </translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message numerus="yes">
        <source>{date}: %n card(s) due</source>
        <translation>
            <numerusform>{date}: к повторению %n карточка</numerusform>
            <numerusform>{date}: к повторению %n карточки</numerusform>
            <numerusform>{date}: к повторению %n карточек</numerusform>
        </translation>
    </message>
    <message>
        <source>Week of {date}: {passed} of {scheduled} passed</source>
        <translation>Неделя с {date}: вспомнено {passed} из {scheduled}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новые</translation>
    </message>
    <message>
        <source>learning</source>
        <translation>изучаются</translation>
    </message>
    <message>
        <source>young</source>
        <translation>молодые</translation>
    </message>
    <message>
        <source>mature</source>
        <translation>зрелые</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>приостановлены</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>удалены из заметок</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Congratulations! You have finished for now.</source>
        <translation>Поздравляем! На сейчас всё.</translation>
    </message>
    <message>
        <source>Back to Decks</source>
        <translation>К колодам</translation>
    </message>
    <message>
        <source>Return to the deck list (Enter or Esc)</source>
        <translation>Вернуться к списку колод (Enter или Esc)</translation>
    </message>
    <message>
        <source>No cards were due in this deck.</source>
        <translation>В этой колоде не было карточек к повторению.</translation>
    </message>
    <message>
        <source>No reviews are scheduled in this deck.</source>
        <translation>В этой колоде нет запланированных повторений.</translation>
    </message>
    <message>
        <source>No reviews are due in the next {days} days.</source>
        <translation>В ближайшие {days} дн. повторений нет.</translation>
    </message>
    <message>
        <source>Next reviews are due tomorrow ({date}).</source>
        <translation>Следующие повторения — завтра ({date}).</translation>
    </message>
    <message>
        <source>Next reviews are due on {date}, in {days} days.</source>
        <translation>Следующие повторения — {date}, через {days} дн.</translation>
    </message>
    <message>
        <source>{n} new cards wait for the next days (new cards per day limit).</source>
        <translation>Новых карточек ждут следующих дней: {n} (лимит новых карточек в день).</translation>
    </message>
    <message>
        <source>More cards are due today ({date}): the daily limit was reached.</source>
        <translation>Сегодня ({date}) есть ещё карточки, но дневной лимит исчерпан.</translation>
    </message>
    <message numerus="yes">
        <source>Studied %n card(s) in {time}.</source>
        <translation>
            <numerusform>Изучена %n карточка за {time}.</numerusform>
            <numerusform>Изучены %n карточки за {time}.</numerusform>
            <numerusform>Изучено %n карточек за {time}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s): {grades}</source>
        <translation>
            <numerusform>%n ответ: {grades}</numerusform>
            <numerusform>%n ответа: {grades}</numerusform>
            <numerusform>%n ответов: {grades}</numerusform>
        </translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Снова</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Трудно</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Хорошо</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Легко</translation>
    </message>
</context>
</TS>
