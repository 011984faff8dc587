/* bbh-client-records.h — BbhClient methods for call records, callbacks, SMS, voice verification, areas, SmartTel and task numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-area.h"
#include "bbh-call-record.h"
#include "bbh-call-record-query.h"
#include "bbh-callback.h"
#include "bbh-cdr-upload.h"
#include "bbh-client.h"
#include "bbh-phone-audit.h"
#include "bbh-phone-audit-query.h"
#include "bbh-task-phone.h"

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

/**
 * BbhSmsKind:
 * @BBH_SMS_SENT: a message the agent's phone sent (3)
 * @BBH_SMS_RECEIVED: a message the agent's phone received (4)
 *
 * addSmsRecord's `kind`; the same values as the SMS events of recvMsg.
 */
typedef enum
{
  BBH_SMS_SENT     = 3,
  BBH_SMS_RECEIVED = 4,
} BbhSmsKind;

/* The longest SMS smsSend takes, in characters (not bytes). */
#define BBH_SMS_MAX_CHARS 70

/* 2.1.5 upload_record_file.html — a recording made on this side, as multipart/form-data. */
void           bbh_client_upload_record_file_async  (BbhClient                 *self,
                                                     const char                *file_name,
                                                     GBytes                    *contents,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_upload_record_file_finish (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.1.6 addCdrRecord — a call record made on this side. */
void           bbh_client_add_cdr_record_async      (BbhClient                 *self,
                                                     const BbhCdrUpload        *upload,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_add_cdr_record_finish     (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.1.7 addSmsRecord — an SMS sent or received on this side. */
void           bbh_client_add_sms_record_async      (BbhClient                 *self,
                                                     gint64                     id,
                                                     BbhSmsKind                 kind,
                                                     const char                *phone,
                                                     const char                *content,
                                                     gint64                     time_ms,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_add_sms_record_finish     (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.1.8 / 2.7.2 getTaskDetailPhone — "call next": the next number of the agent's task. */
void           bbh_client_get_task_detail_phone_async  (BbhClient              *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
BbhTaskPhone  *bbh_client_get_task_detail_phone_finish (BbhClient              *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

/* 2.2.3 smsSend — send an SMS to one or more numbers. */
void           bbh_client_sms_send_async            (BbhClient                 *self,
                                                     const char * const        *phones,
                                                     const char                *text,
                                                     gint64                     list_id,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_sms_send_finish           (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.2.5 setIvrDialing — remember a number to dial on behalf of a caller. */
void           bbh_client_set_ivr_dialing_async     (BbhClient                 *self,
                                                     const char                *source_phone,
                                                     const char                *dest_phone,
                                                     const char                *dial_phone,
                                                     int                        save_times,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_set_ivr_dialing_finish    (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.4.2 phoneAudit — a voice verification call. */
void           bbh_client_phone_audit_async         (BbhClient                 *self,
                                                     const char                *code,
                                                     BbhVoiceKind               kind,
                                                     gint64                     connect_id,
                                                     const char                *phone,
                                                     BbhVoiceRecord             record,
                                                     const char                *command_no,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gint64         bbh_client_phone_audit_finish        (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* 2.4.3 getPhoneAudit — voice verification calls and their outcome. */
void           bbh_client_get_phone_audit_async     (BbhClient                 *self,
                                                     const BbhPhoneAuditQuery  *query,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GListModel    *bbh_client_get_phone_audit_finish    (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     guint64                   *out_total,
                                                     GError                   **error);

/* 2.5.1 sendTelCall — tell an 八百呼 SmartTel phone box to dial. */
void           bbh_client_send_tel_call_async       (BbhClient                 *self,
                                                     const char                *mac,
                                                     guint                      channel,
                                                     const char                *phone,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean       bbh_client_send_tel_call_finish      (BbhClient                 *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

G_END_DECLS
