# 电子邮件邀请（DESIGN §15）：邮件主题及其纯文本部分。

## 主题（也是正文第一行）

mail-subject-invitation = 邀请：{ $title }
mail-subject-update = 已更新：{ $title }
mail-subject-cancel = 已取消：{ $title }
mail-subject-uninvite = 邀请已撤销：{ $title }

## 正文

mail-cancelled = 本次会议已取消，您的日历将删除该会议。
mail-uninvited = 您已不在与会者名单中，您的日历将删除该会议。
mail-when = 时间：{ $span }（{ $zone }）
mail-when-event = {"        "}{ $span }（{ $zone }，会议举办地时间）
mail-repeats = 重复：{ $rule }（此处仅显示第一次会议）
mail-where = 地点：{ $location }
mail-online-only = 仅限线上
mail-remote = 远程参会：{ $link }
mail-page = 会议页面：{ $link }
mail-required = 您是必需与会者。
mail-optional = 您是可选与会者。

## 组成部分

mail-span-day = { $start } – { $end }
mail-span = { $start } 至 { $end }
mail-zone = { $name }，{ $offset }
