/* bbh-cdr-upload.c
 *
 * The field names on the wire keep the document's typos: dialSucessTime and
 * dialTransferSuccesTime.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-cdr-upload"

#include "config.h"

#include "bbh-records-private.h"

G_DEFINE_BOXED_TYPE (BbhCdrUpload, bbh_cdr_upload, bbh_cdr_upload_copy, bbh_cdr_upload_free)

/**
 * bbh_cdr_upload_new:
 * @id: the client's own unique id for the record (dialId)
 *
 * Returns: (transfer full): a record with only @id set; every other field is "not sent".
 */
BbhCdrUpload *
bbh_cdr_upload_new (gint64 id)
{
  BbhCdrUpload *upload = g_new0 (BbhCdrUpload, 1);

  upload->id = id;
  upload->status = -1;
  upload->peer = -1;
  upload->type = -1;
  upload->answer = -1;
  upload->hangup_reason = -1;
  upload->talk_time = -1;
  upload->transfer_time = -1;
  upload->sms_send_status = -1;
  return upload;
}

static GDateTime *
ref_or_null (GDateTime *dt)
{
  return dt != NULL ? g_date_time_ref (dt) : NULL;
}

BbhCdrUpload *
bbh_cdr_upload_copy (const BbhCdrUpload *upload)
{
  BbhCdrUpload *copy;

  g_return_val_if_fail (upload != NULL, NULL);

  copy = g_memdup2 (upload, sizeof *upload);
  copy->open_ip = g_strdup (upload->open_ip);
  copy->phone = g_strdup (upload->phone);
  copy->record_file = g_strdup (upload->record_file);
  copy->start_time = ref_or_null (upload->start_time);
  copy->success_time = ref_or_null (upload->success_time);
  copy->hangup_time = ref_or_null (upload->hangup_time);
  copy->transfer_success_time = ref_or_null (upload->transfer_success_time);
  return copy;
}

void
bbh_cdr_upload_free (BbhCdrUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->open_ip);
  g_free (upload->phone);
  g_free (upload->record_file);
  g_clear_pointer (&upload->start_time, g_date_time_unref);
  g_clear_pointer (&upload->success_time, g_date_time_unref);
  g_clear_pointer (&upload->hangup_time, g_date_time_unref);
  g_clear_pointer (&upload->transfer_success_time, g_date_time_unref);
  g_free (upload);
}

static void
add_time (BbhParams  *params,
          const char *name,
          GDateTime  *time)
{
  g_autofree char *text = bbh_records_format_time (time);

  bbh_params_add (params, name, text);
}

void
bbh_cdr_upload_to_params (const BbhCdrUpload *upload,
                          BbhParams          *params)
{
  bbh_params_add_int (params, "dialId", upload->id);
  bbh_params_add_opt_int (params, "dialStatus", upload->status);
  bbh_params_add (params, "dialOpenIp", upload->open_ip);
  bbh_params_add_opt_int (params, "dialPeer", upload->peer);
  bbh_params_add (params, "dialPhoneNum", upload->phone);
  bbh_params_add_opt_int (params, "dialType", upload->type);
  add_time (params, "dialStartTime", upload->start_time);
  add_time (params, "dialSucessTime", upload->success_time);
  add_time (params, "dialHangupTime", upload->hangup_time);
  bbh_params_add_opt_int (params, "dialAnswer", upload->answer);
  bbh_params_add_opt_int (params, "dialHangupReason", upload->hangup_reason);
  bbh_params_add_opt_int (params, "dialTalktime", upload->talk_time);
  bbh_params_add (params, "dialRecordFile", upload->record_file);
  if (upload->ctd_id > 0)
    bbh_params_add_int (params, "dialCtdId", upload->ctd_id);
  add_time (params, "dialTransferSuccesTime", upload->transfer_success_time);
  bbh_params_add_opt_int (params, "dialTransferTimes", upload->transfer_time);
  bbh_params_add_opt_int (params, "dialSmsSendStatus", upload->sms_send_status);
}
