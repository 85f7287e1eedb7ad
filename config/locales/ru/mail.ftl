# Приглашения по электронной почте (DESIGN §15): тема письма и его текстовая часть.

## Тема (также первая строка текста)

mail-subject-invitation = Приглашение: { $title }
mail-subject-update = Изменение: { $title }
mail-subject-cancel = Отмена: { $title }
mail-subject-uninvite = Приглашение отозвано: { $title }

## Текст

mail-cancelled = Это собрание отменено; оно будет удалено из вашего календаря.
mail-uninvited = Вы больше не входите в число участников; это собрание будет удалено из вашего календаря.
mail-when = Когда: { $span } ({ $zone })
mail-when-event = {"        "}{ $span } ({ $zone }, время места проведения)
mail-repeats = Повторяется: { $rule } (указано только первое заседание)
mail-where = Где: { $location }
mail-online-only = только онлайн
mail-remote = Удалённое участие: { $link }
mail-page = Собрание: { $link }
mail-required = Ваше участие обязательно.
mail-optional = Ваше участие необязательно.

## Части

mail-span-day = { $start } – { $end }
mail-span = { $start } – { $end }
mail-zone = { $name }, { $offset }
