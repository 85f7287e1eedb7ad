# Documents de problème (RFC 9457).

problem-invalid-request = Requête non valide
problem-not-found = Introuvable
problem-unauthorized = Authentification requise
problem-forbidden = Accès refusé
problem-clash = La salle est déjà réservée
problem-conflict = Conflit
problem-stale-version = La ressource a changé
problem-source-unreachable = Le calendrier n’a pas pu être récupéré
problem-too-large = Corps de la requête trop volumineux
problem-unsupported-media-type = Type de média non pris en charge
problem-rate-limited = Trop de requêtes
problem-unavailable = Service indisponible
problem-internal = Erreur interne
problem-unavailable-detail = la base de données est occupée ou injoignable ; réessayez dans un instant
problem-internal-detail = une erreur inattendue s’est produite ; elle a été consignée
problem-too-large-detail = le corps de la requête dépasse la taille que tandem accepte

# Les détails que tandem écrit avec des valeurs de la requête.
problem-detail-bearer-expected = en-tête attendu : 'Authorization: Bearer <token>'
problem-detail-token-needed = un jeton est nécessaire : envoyez 'Authorization: Bearer <token>'
problem-detail-token-unknown = le jeton est inconnu ou révoqué
problem-detail-viewer-read-only = un jeton de lecteur ne peut rien modifier
problem-detail-viewer-feed-tokens = un jeton de lecteur ne peut pas gérer les jetons de flux
problem-detail-feed-token-own = un jeton de flux ne gère que les jetons de son propre participant
problem-detail-region-outside = ce jeton d’organisateur couvre { $regions } ; la région { $region } n’en fait pas partie
problem-detail-no-such-feed = ce flux n’existe pas
problem-detail-token-revoked = ce jeton a été révoqué ; créez-en un nouveau
problem-detail-send-json = envoyez le corps en JSON avec 'Content-Type: application/json'
problem-detail-no-event = aucune manifestation n’a l’identifiant « { $id } »
problem-detail-no-venue = aucun lieu n’a l’identifiant « { $id } »
problem-detail-no-calendar = aucun calendrier n’a l’identifiant « { $id } »
problem-detail-no-clash = aucun conflit n’a l’identifiant « { $id } »
problem-detail-no-feed-token = aucun jeton de flux n’a l’identifiant « { $id } »
problem-detail-no-token = aucun jeton n’a l’identifiant « { $id } »
problem-detail-no-open-clash = aucun conflit ouvert n’a l’identifiant « { $id } » (il a peut-être été résolu : demandez-le par GET pour voir son historique)
problem-detail-no-group = aucun groupe « { $code } »
problem-detail-no-region = aucune région « { $code } » : valeurs attendues AFR, AMS, ARB, ASP, CIS ou EUR
problem-detail-no-feed-file = aucun flux « { $file } » : les noms de flux se terminent par .ics
problem-detail-suggestion-stale = la suggestion « { $suggestion } » ne s’applique plus au conflit « { $id } » ; demandez le conflit par GET pour ses suggestions actuelles
problem-detail-stale-version = If-Match indique la version { $expected }, mais la manifestation en est à la version { $current } : relisez-la et réessayez
problem-detail-room-held = la salle est occupée à ce moment par { $events }
problem-detail-rate-limited = ce client a envoyé plus de { $burst } requêtes d’un coup ou plus de { $rate } par seconde ; réessayez dans { $seconds } s
problem-invalid-request-detail =
    { $count ->
        [one] ce champ n’est pas valide : { $fields }
       *[other] ces champs ne sont pas valides : { $fields }
    }

problem-method-not-allowed = Méthode non autorisée
problem-method-not-allowed-detail = cette ressource ne répond pas à cette méthode ; l’en-tête Allow indique celles qu’elle accepte
problem-timeout = La requête a pris trop de temps
problem-timeout-detail = la requête a dépassé le temps que tandem accorde ; réessayez dans un instant
problem-detail-no-route = cette ressource n’existe pas ; l’API est décrite à /api/v1/openapi.json
problem-detail-feed-token-reads-only = un jeton de flux ne lit que les manifestations de son participant ; il faut ici un jeton d’API
problem-detail-region-none = ce jeton d’organisateur ne couvre aucune région ; la région { $region } n’en fait pas partie
problem-detail-no-record = aucun enregistrement n’a l’identifiant « { $id } »
problem-detail-fetch-failed = le calendrier n’a pas pu être récupéré : { $reason }
problem-detail-calendar-not-refreshable = ce calendrier a été téléversé directement et n’a pas de source à partir de laquelle l’actualiser
problem-detail-calendar-busy = une actualisation de ce calendrier est déjà en cours
problem-detail-plan-event-appeared = la manifestation « { $title } » ({ $id }) est apparue depuis l’établissement du plan
problem-detail-plan-event-changed = la manifestation « { $title } » ({ $id }) a changé depuis l’établissement du plan (version { $was }, désormais { $now })
problem-detail-plan-event-gone = la manifestation { $id } a été annulée ou déplacée depuis l’établissement du plan

# Erreurs de champ des contrôles propres à l’API HTTP.
api-after = doit être postérieur à { $other }
api-at-most = doit être au plus égal à { $max }
api-between = doit être compris entre { $min } et { $max }
api-bad-cursor = ce n’est pas un curseur renvoyé par cette API
api-bad-if-match = l’ETag de la manifestation est attendu, par exemple "3"
api-bad-query = paramètre de requête non valide : { $reason }
api-body-unreadable = le corps de la requête n’a pas pu être lu : { $reason }
api-not-json = le corps n’est pas du JSON valide : { $reason }
api-missing-field = ce champ est obligatoire
api-unreadable-value = cette valeur ne peut pas être lue : { $reason }
api-calendar-no-source = indiquez 'url' (https, http ou webcal) ou 'ics' (le texte du calendrier)
api-calendar-url-and-ics = indiquez soit 'url' (récupéré et actualisé), soit 'ics' (téléversé une fois), pas les deux
api-calendar-two-owners = un calendrier appartient à un participant ('owner') ou à un lieu ('venue_id'), pas aux deux
api-days-or-minutes = indiquez soit days, soit duration_minutes, et un seul des deux
api-longer-than-day = dépasse les heures de la journée
api-listed-twice = indiqué deux fois
api-placement-none = indiquez au moins un placement
api-group-unknown = groupe inconnu « { $code } »
api-group-unknown-see-list = groupe inconnu « { $code } » : voir GET /api/v1/groups pour les codes
api-unknown-value = valeur inconnue « { $value } » : valeurs attendues { $expected }
api-not-an-event-id = « { $value } » n’est pas un identifiant de manifestation
api-not-a-venue-id = « { $value } » n’est pas un identifiant de lieu
api-not-a-room-id = « { $value } » n’est pas un identifiant de salle
api-not-http-url = « { $value } » n’est pas une URL http(s)
api-room-needs-venue = une salle exige son venue_id
api-no-holiday-calendar = aucun calendrier de jours fériés fourni ne porte le code « { $code } » : les codes connus sont { $known }
api-invalid-event = la manifestation n’a pas pu être lue
api-invalid-venue = le lieu n’a pas pu être lu
