# Общие тексты: соединение даты и времени, названия справочных терминов.

# Дата и время, уже отформатированные по CLDR.
date-time = { $date }, { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time } ({ $zone })
utc = UTC
region-AFR = Африка
region-AMS = Северная и Южная Америка
region-ARB = Арабские государства
region-ASP = Азиатско-Тихоокеанский регион
region-CIS = СНГ
region-EUR = Европа
kind-meeting = собрание
kind-workshop = семинар-практикум
kind-conference = конференция
kind-session = заседание
mode-in_person = очно
mode-virtual = виртуально
mode-hybrid = смешанный формат
status-proposed = предложено
status-confirmed = подтверждено
status-cancelled = отменено
severity-hard = серьёзный
severity-soft = незначительный
clash-room_overlap = зал занят дважды
clash-group_overlap = региональная группа собирается дважды в одно время
clash-participant_overlap = участник приглашён дважды
clash-region_overlap = два мероприятия региона в одно время
clash-venue_closed = место проведения закрыто
clash-remote_hours = вне рабочего времени удалённых участников
role-admin = администратор
role-organiser = организатор
role-viewer = читатель
term-regional-group = региональная группа
term-study-group = исследовательская комиссия
seats = { $count ->
    [one] { $count } место
    [few] { $count } места
    [many] { $count } мест
   *[other] { $count } места
}
