/* bbh-cdr-upload.h — a call record the client made, for addCdrRecord (section 2.1.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhCdrUpload:
 * @id: dialId, the client's own unique record id (required, > 0)
 * @status: dialStatus; -1 not sent
 * @open_ip: (nullable): dialOpenIp
 * @peer: dialPeer, the direction; -1 not sent
 * @phone: (nullable): dialPhoneNum
 * @type: dialType; -1 not sent
 * @start_time: (nullable): dialStartTime
 * @success_time: (nullable): dialSucessTime (the document's spelling on the wire)
 * @hangup_time: (nullable): dialHangupTime
 * @answer: dialAnswer; -1 not sent
 * @hangup_reason: dialHangupReason; -1 not sent
 * @talk_time: dialTalktime, seconds; -1 not sent
 * @record_file: (nullable): dialRecordFile, as uploaded with upload_record_file
 * @ctd_id: dialCtdId, the task detail id (bbh_task_phone_get_task_detail_id()); 0 not sent
 * @transfer_success_time: (nullable): dialTransferSuccesTime (the document's spelling)
 * @transfer_time: dialTransferTimes, seconds; -1 not sent
 * @sms_send_status: dialSmsSendStatus, 0 not sent, 1 sent; -1 not sent
 *
 * Every field of section 2.1.6. The strings and times belong to the struct and are freed
 * by bbh_cdr_upload_free(); times go out as local “yyyy-mm-dd hh:mm:ss”.
 */
typedef struct
{
  gint64     id;
  int        status;
  char      *open_ip;
  int        peer;
  char      *phone;
  int        type;
  GDateTime *start_time;
  GDateTime *success_time;
  GDateTime *hangup_time;
  int        answer;
  int        hangup_reason;
  int        talk_time;
  char      *record_file;
  gint64     ctd_id;
  GDateTime *transfer_success_time;
  int        transfer_time;
  int        sms_send_status;
} BbhCdrUpload;

#define BBH_TYPE_CDR_UPLOAD (bbh_cdr_upload_get_type ())

GType         bbh_cdr_upload_get_type  (void) G_GNUC_CONST;
BbhCdrUpload *bbh_cdr_upload_new       (gint64              id);
BbhCdrUpload *bbh_cdr_upload_copy      (const BbhCdrUpload *upload);
void          bbh_cdr_upload_free      (BbhCdrUpload       *upload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhCdrUpload, bbh_cdr_upload_free)

G_END_DECLS
