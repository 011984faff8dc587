/* bbh-client-events.h — BbhClient methods for events, the session and recordings: setUserCheckInOut, sendMsg, recvMsg, getLongWaterLine, hangupExten, transferExten, recording URLs and downloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"
#include "bbh-event.h"
#include "bbh-event-stream.h"

G_BEGIN_DECLS

/**
 * BbhCheckStatus:
 * @BBH_CHECK_IN: the agent takes calls (`status=0`)
 * @BBH_CHECK_OUT: the agent stops taking calls (`status=1`)
 */
typedef enum
{
  BBH_CHECK_IN  = 0,
  BBH_CHECK_OUT = 1,
} BbhCheckStatus;

/**
 * BbhProgressFunc:
 * @received: bytes written so far
 * @total: the size the server announced, or -1 when it did not say
 * @user_data: the data given with the function
 */
typedef void (*BbhProgressFunc) (goffset   received,
                                 goffset   total,
                                 gpointer  user_data);

/* The `client` value of recvMsg, getLongWaterLine and sendMsg: 1 PC, 2 phone. */
#define BBH_CLIENT_TYPE_PC    1
#define BBH_CLIENT_TYPE_PHONE 2

/* 2.1.11 setUserCheckInOut — check in or out. */
void         bbh_client_set_user_check_in_out_async  (BbhClient            *self,
                                                      const char           *exten,
                                                      BbhCheckStatus        status,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     bbh_client_set_user_check_in_out_finish (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* 2.1.3 sendMsg — a message to the agent's other clients. */
void         bbh_client_send_msg_async               (BbhClient            *self,
                                                      int                   kind,
                                                      int                   client,
                                                      const char           *phone,
                                                      const char           *content,
                                                      gint64                time_ms,
                                                      int                   lost_time,
                                                      double                lon,
                                                      double                lat,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     bbh_client_send_msg_finish              (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* 2.1.4 recvMsg — poll for messages newer than @water_line. */
void         bbh_client_recv_msg_async               (BbhClient            *self,
                                                      gint64                water_line,
                                                      guint                 limit,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GListModel  *bbh_client_recv_msg_finish              (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      gint64               *out_watermark,
                                                      GError              **error);

/* getLongWaterLine (vendor SDK, not in the document) — the server holds the request. */
void         bbh_client_get_long_water_line_async    (BbhClient            *self,
                                                      gint64                water_line,
                                                      const char           *login_line,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GListModel  *bbh_client_get_long_water_line_finish   (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      gint64               *out_watermark,
                                                      GError              **error);

/* hangupExten, transferExten (vendor SDK) — optional: BBH_ERROR_UNSUPPORTED where unknown. */
void         bbh_client_hangup_exten_async           (BbhClient            *self,
                                                      const char           *phone_num,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     bbh_client_hangup_exten_finish          (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void         bbh_client_transfer_exten_async         (BbhClient            *self,
                                                      const char           *desc_exten,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     bbh_client_transfer_exten_finish        (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Recordings (section 2.3): URLs and a download that never leaves half a file. */
char        *bbh_client_dup_recording_url            (BbhClient            *self,
                                                      const char           *record_file);
char        *bbh_client_dup_mp3_url                  (BbhClient            *self,
                                                      gint64                cdr_id);
void         bbh_client_download_async               (BbhClient            *self,
                                                      const char           *url,
                                                      GFile                *dest,
                                                      BbhProgressFunc       progress,
                                                      gpointer              progress_data,
                                                      GDestroyNotify        progress_destroy,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     bbh_client_download_finish              (BbhClient            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
