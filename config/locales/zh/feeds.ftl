# 日历：tandem 写入 iCalendar 日历的文字（DESIGN §16）：日历的 NAME 和 DESCRIPTION、
# LOCATION 行；类别沿用 kind-* 术语。地点按中文习惯由大到小排列。

feed-all-name = 国际电联区域会议
feed-all-description = 在 tandem 中协调的所有会议、讲习班、大会和会期
feed-region-name = 国际电联{ $region }区域会议
feed-region-description = 国际电联{ $region }区域（{ $code }）的会议
feed-group-name = { $group } 会议
feed-group-description = { $group } 的会议：{ $title }
feed-venue-name = { $venue }（{ $city }）
feed-venue-description = 在{ $name }举行的会议
feed-participant-name = 我的国际电联会议（{ $participant }）
feed-participant-description = { $participant } 参加的会议
feed-freebusy-name = { $participant } 的忙闲时间
feed-freebusy-description = { $participant } 没有空的时间
feed-location = { $country }，{ $city }，{ $venue }
feed-location-room = { $country }，{ $city }，{ $venue }，{ $room }
