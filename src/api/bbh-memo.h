/* bbh-memo.h — one follow-up note (跟踪记录), as getMemos answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_MEMO (bbh_memo_get_type ())

G_DECLARE_FINAL_TYPE (BbhMemo, bbh_memo, BBH, MEMO, GObject)

gint64       bbh_memo_get_id              (BbhMemo    *self);
const char  *bbh_memo_get_extension       (BbhMemo    *self);
const char  *bbh_memo_get_extension_name  (BbhMemo    *self);
const char  *bbh_memo_get_phone           (BbhMemo    *self);
const char  *bbh_memo_get_phone_name      (BbhMemo    *self);
const char  *bbh_memo_get_time            (BbhMemo    *self);
GDateTime   *bbh_memo_dup_date_time       (BbhMemo    *self);
const char  *bbh_memo_get_text            (BbhMemo    *self);
char        *bbh_memo_dup_field           (BbhMemo    *self,
                                           const char *member);

G_END_DECLS
