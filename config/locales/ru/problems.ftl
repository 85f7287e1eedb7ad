# Документы о проблемах (RFC 9457).

problem-invalid-request = Недопустимый запрос
problem-not-found = Не найдено
problem-unauthorized = Требуется аутентификация
problem-forbidden = Доступ запрещён
problem-clash = Зал уже забронирован
problem-conflict = Конфликт
problem-stale-version = Ресурс изменился
problem-source-unreachable = Не удалось получить календарь
problem-too-large = Слишком большое тело запроса
problem-unsupported-media-type = Неподдерживаемый тип данных
problem-rate-limited = Слишком много запросов
problem-unavailable = Сервис недоступен
problem-internal = Внутренняя ошибка
problem-unavailable-detail = база данных занята или недоступна; повторите попытку чуть позже
problem-internal-detail = произошла непредвиденная ошибка; она записана в журнал
problem-too-large-detail = тело запроса больше, чем принимает tandem

# Сообщения, которые tandem пишет со значениями из запроса.
problem-detail-bearer-expected = ожидался заголовок 'Authorization: Bearer <token>'
problem-detail-token-needed = нужен токен: передайте 'Authorization: Bearer <token>'
problem-detail-token-unknown = токен неизвестен или отозван
problem-detail-viewer-read-only = токен читателя не позволяет ничего изменять
problem-detail-viewer-feed-tokens = токен читателя не позволяет управлять токенами календарей
problem-detail-feed-token-own = токен календаря управляет только токенами своего участника
problem-detail-region-outside = этот токен организатора охватывает { $regions }; регион { $region } в него не входит
problem-detail-no-such-feed = такого календаря нет
problem-detail-token-revoked = этот токен отозван; создайте новый
problem-detail-send-json = передайте тело в формате JSON с 'Content-Type: application/json'
problem-detail-no-event = нет собрания с идентификатором «{ $id }»
problem-detail-no-venue = нет места проведения с идентификатором «{ $id }»
problem-detail-no-calendar = нет календаря с идентификатором «{ $id }»
problem-detail-no-clash = нет конфликта с идентификатором «{ $id }»
problem-detail-no-feed-token = нет токена календаря с идентификатором «{ $id }»
problem-detail-no-token = нет токена с идентификатором «{ $id }»
problem-detail-no-open-clash = нет открытого конфликта с идентификатором «{ $id }» (возможно, он уже урегулирован: запросите его через GET, чтобы увидеть историю)
problem-detail-no-group = нет группы «{ $code }»
problem-detail-no-region = нет региона «{ $code }»: ожидается AFR, AMS, ARB, ASP, CIS или EUR
problem-detail-no-feed-file = нет календаря «{ $file }»: имена календарей оканчиваются на .ics
problem-detail-suggestion-stale = предложение «{ $suggestion }» больше не применимо к конфликту «{ $id }»; запросите конфликт через GET, чтобы увидеть актуальные предложения
problem-detail-stale-version = If-Match указывает версию { $expected }, но собрание уже в версии { $current }: прочитайте его заново и повторите попытку
problem-detail-room-held = зал в это время занят: { $events }
problem-detail-rate-limited = этот клиент отправил более { $burst } запросов сразу или более { $rate } в секунду; повторите попытку через { $seconds } с
problem-invalid-request-detail =
    { $count ->
        [one] недопустимое поле: { $fields }
       *[other] недопустимые поля: { $fields }
    }

problem-method-not-allowed = Метод не разрешён
problem-method-not-allowed-detail = этот ресурс не поддерживает такой метод; поддерживаемые перечислены в заголовке Allow
problem-timeout = Запрос выполнялся слишком долго
problem-timeout-detail = запрос выполнялся дольше, чем допускает tandem; повторите попытку чуть позже
problem-detail-no-route = такого ресурса нет; API описан по адресу /api/v1/openapi.json
problem-detail-feed-token-reads-only = токен календаря только читает собрания своего участника; здесь нужен токен API
problem-detail-region-none = этот токен организатора не охватывает ни одного региона; регион { $region } в него не входит
problem-detail-no-record = нет записи с идентификатором «{ $id }»
problem-detail-fetch-failed = не удалось получить календарь: { $reason }
problem-detail-calendar-not-refreshable = этот календарь был загружен напрямую, и обновить его неоткуда
problem-detail-calendar-busy = этот календарь уже обновляется
problem-detail-plan-event-appeared = после составления плана появилось собрание «{ $title }» ({ $id })
problem-detail-plan-event-changed = собрание «{ $title }» ({ $id }) изменилось после составления плана (версия { $was }, теперь { $now })
problem-detail-plan-event-gone = собрание { $id } было отменено или перенесено после составления плана

# Ошибки полей, которые проверяет сам HTTP API.
api-after = должно быть позже, чем { $other }
api-at-most = должно быть не больше { $max }
api-between = должно быть от { $min } до { $max }
api-bad-cursor = это не курсор, выданный этим API
api-bad-if-match = ожидается ETag собрания, например "3"
api-bad-query = недопустимый параметр запроса: { $reason }
api-body-unreadable = не удалось прочитать тело запроса: { $reason }
api-not-json = тело запроса не является корректным JSON: { $reason }
api-missing-field = это поле обязательно
api-unreadable-value = не удаётся прочитать это значение: { $reason }
api-calendar-no-source = укажите 'url' (https, http или webcal) или 'ics' (текст календаря)
api-calendar-url-and-ics = укажите либо 'url' (загружается и обновляется), либо 'ics' (загружается один раз), но не оба
api-calendar-two-owners = календарь принадлежит участнику ('owner') или месту проведения ('venue_id'), но не обоим
api-days-or-minutes = укажите ровно одно из полей days и duration_minutes
api-longer-than-day = длиннее рабочих часов дня
api-listed-twice = указано дважды
api-placement-none = укажите хотя бы одно размещение
api-group-unknown = неизвестная группа «{ $code }»
api-group-unknown-see-list = неизвестная группа «{ $code }»: коды см. в GET /api/v1/groups
api-unknown-value = неизвестное значение «{ $value }»: ожидается { $expected }
api-not-an-event-id = «{ $value }» не является идентификатором собрания
api-not-a-venue-id = «{ $value }» не является идентификатором места проведения
api-not-a-room-id = «{ $value }» не является идентификатором зала
api-not-http-url = «{ $value }» не является URL http(s)
api-room-needs-venue = для зала нужен его venue_id
api-no-holiday-calendar = нет встроенного календаря праздников с кодом «{ $code }»: известные коды — { $known }
api-invalid-event = не удалось прочитать собрание
api-invalid-venue = не удалось прочитать место проведения
