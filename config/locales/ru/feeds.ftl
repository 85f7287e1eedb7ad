# feeds
