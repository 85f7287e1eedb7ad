# Веб-страницы tandem.

## Все страницы

page-title = { $title } · tandem
skip-to-content = Перейти к содержанию
nav-main = Главное меню
nav-events = Собрания
nav-planner = Планировщик
nav-colocation = Параллельные мероприятия
nav-season = Сезоны
nav-clashes = Конфликты
nav-api = API
language-switcher = Язык
language-self = Русский

## Ошибки

not-found-title = Не найдено
not-found-text = Такой страницы или такого собрания нет.
not-found-back = Все собрания
busy-title = Сервис занят
busy-heading = tandem занят
busy-text = База данных занята или недоступна; повторите попытку через минуту.
error-title = Ошибка
error-heading = Что-то пошло не так
error-text = Ошибка записана в журнал; повторите попытку.
refused-title = Не выполнено
refused-heading = Действие не выполнено
refused-changed-meanwhile = собрание тем временем изменилось: обновите страницу и повторите попытку
form-expired-title = Форма устарела
form-expired-heading = Срок действия формы истёк
form-expired-text = Обновите страницу и отправьте форму ещё раз.

## Время

## Подписка

subscribe = Подписаться
subscribe-label = Подписаться на { $feed } в календаре
subscribe-https = лента https
subscribe-https-label = Лента https: { $feed }
feed-all = все собрания
feed-region = регион { $code }
feed-group = группу { $code }
feed-event = это собрание
feed-the-region = регион
feed-the-group = группу

## Справочные термины


## Главная

home-title = Предстоящие собрания
home-intro = Время указано по месту проведения каждого собрания. Подпишитесь на регион или группу, чтобы видеть каждое изменение в своём календаре.
home-plan-link = Спланировать звонок в разных часовых поясах
home-empty = Предстоящих собраний нет.
home-region = { $name } ({ $code })
home-other-events = Другие мероприятия региона
home-all-events = Все собрания:

## Страница собрания

event-when = Когда
event-venue-zone = ({ $zone }, часовой пояс места проведения)
event-repeats = Повторяется: { $rule }
event-room = { $room } ({ $seats })
event-remote = Удалённое участие:
event-cities = В главных городах региона «{ $region }»
event-city = Город
event-local-time = Местное время
event-alongside = Параллельные мероприятия
event-no-alongside = Параллельных мероприятий нет.
event-clashes = Конфликты
event-no-clash = Конфликтов нет.
event-other = другое мероприятие
event-subscribe = Подписка
event-this-event = Это собрание:
event-download = Скачать .ics

## Планировщик

planner-title = Планировщик
planner-heading = Спланировать звонок в разных часовых поясах
planner-places = Места, по одному в строке: город (Женева, Яунде, Бангкок…) или часовой пояс (Asia/Kathmandu), при необходимости с идентификаторами импортированных календарей
planner-from = С (дата UTC)
planner-to = По (дата UTC включительно)
planner-duration = Длительность (минуты)
planner-submit = Найти окна
planner-correction = Форму нужно исправить:
planner-best = Лучшие окна
planner-no-window = Подходящего окна нет.
planner-legend-working = рабочее время
planner-legend-acceptable = допустимое время
planner-legend-night = ночь / нерабочее время
planner-legend-windows = лучшие окна
planner-considered = { $count ->
    [one] Рассмотрено { $count } окно.
    [few] Рассмотрено { $count } окна.
    [many] Рассмотрено { $count } окон.
   *[other] Рассмотрено { $count } окна.
}
planner-rank = №
planner-local-times = Местное время
planner-outside-hours = Вне рабочего времени
planner-minutes = { $minutes } мин
planner-strips-title = Суточные полосы на { $day } (UTC), по одной на место
planner-strips-caption = { $day } (сверху часы UTC, в каждой полосе местные часы)
planner-window = Окно { $rank }: { $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = строка { $line }: перед календарями нужно указать место
planner-error-unknown-place = строка { $line }: «{ $place }» — не город из справочных данных и не часовой пояс IANA
planner-error-no-place = укажите хотя бы одно место
planner-error-duration = «{ $value }» — не число минут
field-places = Места
field-from = С
field-to = По
field-duration = Длительность

## Параллельные мероприятия

coloc-title = Параллельные мероприятия
coloc-heading = Провести мероприятие параллельно с другим
coloc-intro = Резолюция 21: семинары-практикумы параллельно с собраниями региональных групп, и наоборот. Варианты используют место проведения основного собрания, его рабочие дни и свободные залы.
coloc-anchor = Основное собрание
coloc-event-title = Название
coloc-kind = Вид
coloc-default-title = Региональный семинар-практикум
coloc-days = Рабочие дни
coloc-gap = Наибольший перерыв (рабочих дней)
coloc-seats = Нужно мест
coloc-placement = Расположение
placement-before = до
placement-after = после
placement-during = во время (параллельный зал)
coloc-submit = Найти даты
coloc-candidates = Варианты
coloc-no-candidate = Подходящего варианта нет.
coloc-room = Зал { $room } ({ $seats })
coloc-gap-days = { $days ->
    [one] перерыв { $days } рабочий день
    [few] перерыв { $days } рабочих дня
    [many] перерыв { $days } рабочих дней
   *[other] перерыв { $days } рабочего дня
}
coloc-no-clash = без конфликтов
coloc-create = Создать этот вариант
coloc-signin = Войдите, чтобы создать его
coloc-not-created-title = Не создано
coloc-not-created-heading = Мероприятие не создано
coloc-back = Назад к параллельным мероприятиям

## Конфликты

clashes-title = Конфликты
signout = Выйти
clashes-signed-in-label = Вход выполнен с токеном «{ $label }» ({ $role }).
clashes-signed-in = Вход выполнен с токеном ({ $role }).
clashes-resolved = Конфликт { $id } устранён.
clashes-empty = В ваших регионах конфликтов нет.
clashes-no-fix = Предложений нет: измените мероприятия вручную.
fix-move = перенести
fix-switch_room = сменить зал
clashes-fix = { $action }: { $start } – { $end } ({ $zone })
clashes-leaves = { $count ->
    [one] остаётся { $count } конфликт
    [few] остаётся { $count } конфликта
    [many] остаётся { $count } конфликтов
   *[other] остаётся { $count } конфликта
}
clashes-apply = Применить
clashes-not-applied-title = Не применено
clashes-not-applied-heading = Предложение не применено
clashes-back = Назад к конфликтам

## Вход

signin-title = Вход
signin-heading = Вход для организаторов
signin-token = Токен API (создаётся командой { $command })
signin-submit = Войти
signin-note = Токен проверяется один раз и никогда не хранится в браузере: хранится только cookie сеанса.
signin-unknown = Этот токен неизвестен или отозван.

## Season planning (/seasons)
season-title = Планирование сезона
season-heading = Спланировать сезон
season-intro = Разместить сразу весь сезон собраний, семинаров-практикумов и форумов, каждое мероприятие параллельно с собраниями, к которым оно относится (Резолюция 21). Места проведения и фиксированные мероприятия указываются их идентификаторами в этой базе данных.
season-document = Документ сезона (JSON)
season-submit = Спланировать сезон
season-demo-loaded = Заполнен демонстрационный сезон: семинары-практикумы и форумы, проводимые параллельно с собранием SG3RG-AFR в Яунде и собранием SG5RG-ARB в Каире.
season-plan = План
season-cost = Стоимость
season-status-optimal = оптимальность доказана
season-status-feasible = допустимый, оптимальность не доказана
season-bound = Доказанная нижняя граница
season-placed = Размещено мероприятий
season-colocations = Желательные параллельные проведения
season-trips = Поездки
season-trips-apart = Поездки при раздельном проведении
season-soft-clashes = Нежесткие конфликты
season-chart = План по местам проведения и дням: каждая полоса — мероприятие; группы параллельных мероприятий обведены и пронумерованы.
season-legend-placed = Размещенное мероприятие
season-legend-fixed = Фиксированное собрание
season-legend-closed = Выходной или праздничный день
season-legend-cluster = Группа параллельных мероприятий
season-table = Размещения
season-col-event = Мероприятие
season-col-venue = Место проведения
season-col-room = Зал
season-col-days = Дни
season-col-alongside = Параллельно с
season-col-cluster = Группа
season-fixed = фиксированное
season-unplaced = Не размещены
season-none-unplaced = Все мероприятия размещены.
season-apply = Применить: создать эти мероприятия как предлагаемые
season-apply-signin = Войдите как организатор, чтобы применить этот план
season-applied-title = Сезон применен
season-applied-heading = План применен
season-applied-intro = Созданы следующие предлагаемые мероприятия, каждое связано с мероприятием, параллельно с которым оно проводится.
season-not-applied-title = Не применен
season-not-applied-heading = План не применен
season-back = Назад к планированию сезона

## Справочник по API (/api/docs)

apidocs-title = Справочник по API
apidocs-intro = Все операции HTTP API tandem по его документу OpenAPI ({ $document }). Описания взяты из документа и даны на английском языке. Чтобы попробовать операции в браузере, откройте { $console }.
apidocs-console = интерактивную консоль (Swagger UI)
apidocs-auth = Чтение открыто там, где это разрешает сервер; для записи нужен токен API, передаваемый как { $header }.
apidocs-contents = Содержание
apidocs-schemas = Схемы
apidocs-parameters = Параметры
apidocs-name = Имя
apidocs-in = Где
apidocs-in-query = строка запроса
apidocs-in-path = путь
apidocs-in-header = заголовок
apidocs-in-cookie = cookie
apidocs-type = Тип
apidocs-required = Обязателен
apidocs-description = Описание
apidocs-yes = да
apidocs-no = нет
apidocs-body = Тело запроса:
apidocs-body-required = обязательно
apidocs-responses = Ответы
apidocs-status = Статус
apidocs-values = Значения:
apidocs-fields = Поля { $schema }
