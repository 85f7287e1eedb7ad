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
problem-detail-event-not-rewritable = la manifestation ne peut plus être réécrite
problem-detail-stored-event-not-rewritable = la manifestation enregistrée ne peut plus être réécrite
problem-detail-send-json = envoyez le corps en JSON avec 'Content-Type: application/json'
problem-detail-no-event = aucune manifestation n’a l’identifiant { $id }
problem-detail-no-venue = aucun lieu n’a l’identifiant { $id }
problem-detail-no-calendar = aucun calendrier n’a l’identifiant { $id }
problem-detail-no-clash = aucun conflit n’a l’identifiant { $id }
problem-detail-no-feed-token = aucun jeton de flux n’a l’identifiant { $id }
problem-detail-no-token = aucun jeton n’a l’identifiant { $id }
problem-detail-no-open-clash = aucun conflit ouvert n’a l’identifiant { $id } (il a peut-être été résolu : demandez-le par GET pour voir son historique)
problem-detail-no-group = aucun groupe { $code }
problem-detail-no-region = aucune région { $code } : valeurs attendues AFR, AMS, ARB, ASP, CIS ou EUR
problem-detail-no-feed-file = aucun flux { $file } : les noms de flux se terminent par .ics
problem-detail-suggestion-stale = la suggestion { $suggestion } ne s’applique plus au conflit { $id } ; demandez le conflit par GET pour ses suggestions actuelles
problem-detail-stale-version = If-Match indique la version { $expected }, mais la manifestation en est à la version { $current } : relisez-la et réessayez
problem-detail-room-held = la salle est occupée à ce moment par { $events }
problem-detail-rate-limited = ce client a envoyé plus de { $burst } requêtes d’un coup ou plus de { $rate } par seconde ; réessayez dans { $seconds } s
problem-invalid-request-detail =
    { $count ->
        [one] ce champ n’est pas valide : { $fields }
       *[other] ces champs ne sont pas valides : { $fields }
    }
