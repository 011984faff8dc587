/* bbh-client-records.h — BbhClient methods for call records, callbacks, SMS, voice verification, areas, SmartTel and task numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-area.h"
#include "bbh-call-record.h"
#include "bbh-call-record-query.h"
#include "bbh-callback.h"
#include "bbh-client.h"

G_BEGIN_DECLS

/* 2.4.1 / 2.7.1 findDialrecord — call history. */
void           bbh_client_find_dial_record_async    (BbhClient                 *self,
                                                     const BbhCallRecordQuery  *query,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GListModel    *bbh_client_find_dial_record_finish   (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     guint64                   *out_total,
                                                     GError                   **error);

/* 2.4.4 getAreaPhone — where a number is from. */
void           bbh_client_get_area_phone_async      (BbhClient                 *self,
                                                     const char                *phone,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
BbhArea       *bbh_client_get_area_phone_finish     (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.3.1 callbackPhone — the server rings @source_phone, then bridges to @dest_phone. */
void           bbh_client_callback_phone_async      (BbhClient                 *self,
                                                     const char                *source_phone,
                                                     const char                *dest_phone,
                                                     const char                *callback_url,
                                                     const char                *param_value,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gint64         bbh_client_callback_phone_finish     (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.3.2 getCallbackList — callbacks and their progress. */
void           bbh_client_get_callback_list_async   (BbhClient                 *self,
                                                     guint                      start,
                                                     guint                      limit,
                                                     const char                *extension,
                                                     GDateTime                 *start_time,
                                                     GDateTime                 *end_time,
                                                     gint64                     id,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GListModel    *bbh_client_get_callback_list_finish  (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     guint64                   *out_total,
                                                     GError                   **error);

G_END_DECLS
