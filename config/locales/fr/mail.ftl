# Invitations par courriel (DESIGN §15) : l’objet du message et sa partie en texte brut.

## Objet (aussi la première ligne du texte)

mail-subject-invitation = Invitation : { $title }
mail-subject-update = Mise à jour : { $title }
mail-subject-cancel = Annulation : { $title }
mail-subject-uninvite = Invitation retirée : { $title }

## Le texte

mail-cancelled = Cette réunion est annulée ; votre agenda la supprime.
mail-uninvited = Vous ne figurez plus parmi les participants ; votre agenda supprime cette réunion.
mail-when = Quand : { $span } ({ $zone })
mail-when-event = {"        "}{ $span } ({ $zone }, heure du lieu de la réunion)
mail-repeats = Récurrence : { $rule } (seule la première séance est indiquée)
mail-where = Lieu : { $location }
mail-online-only = en ligne uniquement
mail-remote = Participation à distance : { $link }
mail-page = Réunion : { $link }
mail-required = Votre participation est requise.
mail-optional = Votre participation est facultative.

## Éléments

mail-span-day = { $start } – { $end }
mail-span = { $start } – { $end }
mail-zone = { $name }, { $offset }
