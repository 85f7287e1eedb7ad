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
