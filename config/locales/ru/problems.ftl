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
problem-detail-event-not-rewritable = собрание больше нельзя изменить
problem-detail-stored-event-not-rewritable = сохранённое собрание больше нельзя изменить
problem-detail-send-json = передайте тело в формате JSON с 'Content-Type: application/json'
problem-detail-no-event = нет собрания с идентификатором { $id }
problem-detail-no-venue = нет места проведения с идентификатором { $id }
problem-detail-no-calendar = нет календаря с идентификатором { $id }
problem-detail-no-clash = нет конфликта с идентификатором { $id }
problem-detail-no-feed-token = нет токена календаря с идентификатором { $id }
problem-detail-no-token = нет токена с идентификатором { $id }
problem-detail-no-open-clash = нет открытого конфликта с идентификатором { $id } (возможно, он уже урегулирован: запросите его через GET, чтобы увидеть историю)
problem-detail-no-group = нет группы { $code }
problem-detail-no-region = нет региона { $code }: ожидается AFR, AMS, ARB, ASP, CIS или EUR
problem-detail-no-feed-file = нет календаря { $file }: имена календарей оканчиваются на .ics
problem-detail-suggestion-stale = предложение { $suggestion } больше не применимо к конфликту { $id }; запросите конфликт через GET, чтобы увидеть актуальные предложения
problem-detail-stale-version = If-Match указывает версию { $expected }, но собрание уже в версии { $current }: прочитайте его заново и повторите попытку
problem-detail-room-held = зал в это время занят: { $events }
problem-detail-rate-limited = этот клиент отправил более { $burst } запросов сразу или более { $rate } в секунду; повторите попытку через { $seconds } с
problem-invalid-request-detail =
    { $count ->
        [one] недопустимое поле: { $fields }
       *[other] недопустимые поля: { $fields }
    }
