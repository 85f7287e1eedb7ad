# Invitaciones por correo electrónico (DESIGN §15): el asunto del mensaje y su parte en texto sin formato.

## Asunto (también la primera línea del texto)

mail-subject-invitation = Invitación: { $title }
mail-subject-update = Actualización: { $title }
mail-subject-cancel = Cancelación: { $title }
mail-subject-uninvite = Invitación retirada: { $title }

## El texto

mail-cancelled = Esta reunión se ha cancelado; su calendario la eliminará.
mail-uninvited = Ya no figura entre los participantes; su calendario eliminará esta reunión.
mail-when = Cuándo: { $span } ({ $zone })
mail-when-event = {"        "}{ $span } ({ $zone }, hora del lugar de la reunión)
mail-repeats = Se repite: { $rule } (se indica solo la primera sesión)
mail-where = Dónde: { $location }
mail-online-only = solo en línea
mail-remote = Participación a distancia: { $link }
mail-page = Reunión: { $link }
mail-required = Su participación es obligatoria.
mail-optional = Su participación es opcional.

## Piezas

mail-span-day = { $start } – { $end }
mail-span = { $start } – { $end }
mail-zone = { $name }, { $offset }
