/* bbh-task-detail.h — one number of an outbound task, as findTaskMx lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhTaskDetailStatus:
 *
 * `ctdStatus`.
 */
typedef enum
{
  BBH_TASK_DETAIL_NOT_CALLED   = 0,
  BBH_TASK_DETAIL_CALLING      = 1,
  BBH_TASK_DETAIL_PAUSED       = 2,
  BBH_TASK_DETAIL_NOT_ANSWERED = 3,
  BBH_TASK_DETAIL_ANSWERED     = 4,
  BBH_TASK_DETAIL_TRANSFERRED  = 5,
} BbhTaskDetailStatus;

/**
 * BbhTaskFilter:
 *
 * findTaskMx's `type`.
 */
typedef enum
{
  BBH_TASK_FILTER_ALL         = 0,
  BBH_TASK_FILTER_NOT_STARTED = 1,
  BBH_TASK_FILTER_DONE        = 2,
} BbhTaskFilter;

#define BBH_TYPE_TASK_DETAIL (bbh_task_detail_get_type ())

G_DECLARE_FINAL_TYPE (BbhTaskDetail, bbh_task_detail, BBH, TASK_DETAIL, GObject)

gint64       bbh_task_detail_get_id                    (BbhTaskDetail *self);
gint64       bbh_task_detail_get_task_id               (BbhTaskDetail *self);
const char  *bbh_task_detail_get_task_name             (BbhTaskDetail *self);
const char  *bbh_task_detail_get_phone                 (BbhTaskDetail *self);
const char  *bbh_task_detail_get_phone_name            (BbhTaskDetail *self);
int          bbh_task_detail_get_status                (BbhTaskDetail *self);
const char  *bbh_task_detail_get_key                   (BbhTaskDetail *self);
const char  *bbh_task_detail_get_text                  (BbhTaskDetail *self);
const char  *bbh_task_detail_get_result_type           (BbhTaskDetail *self);
const char  *bbh_task_detail_get_call_time             (BbhTaskDetail *self);
const char  *bbh_task_detail_get_begin_time            (BbhTaskDetail *self);
const char  *bbh_task_detail_get_success_time          (BbhTaskDetail *self);
const char  *bbh_task_detail_get_end_time              (BbhTaskDetail *self);
int          bbh_task_detail_get_talk_seconds          (BbhTaskDetail *self);
int          bbh_task_detail_get_call_talk_seconds     (BbhTaskDetail *self);
const char  *bbh_task_detail_get_extension             (BbhTaskDetail *self);
const char  *bbh_task_detail_get_agent_name            (BbhTaskDetail *self);
const char  *bbh_task_detail_get_transfer_phone        (BbhTaskDetail *self);
const char  *bbh_task_detail_get_transfer_success_time (BbhTaskDetail *self);
const char  *bbh_task_detail_get_transfer_end_time     (BbhTaskDetail *self);
int          bbh_task_detail_get_transfer_seconds      (BbhTaskDetail *self);
int          bbh_task_detail_get_sms_send_status       (BbhTaskDetail *self);
int          bbh_task_detail_get_result_code           (BbhTaskDetail *self);
int          bbh_task_detail_get_result_value          (BbhTaskDetail *self);
const char  *bbh_task_detail_get_result_text           (BbhTaskDetail *self);
const char  *bbh_task_detail_get_result_json           (BbhTaskDetail *self);
const char  *bbh_task_detail_get_reason_type           (BbhTaskDetail *self);
const char  *bbh_task_detail_get_word                  (BbhTaskDetail *self);
const char  *bbh_task_detail_get_all_words             (BbhTaskDetail *self);
int          bbh_task_detail_get_word_sum              (BbhTaskDetail *self);
const char  *bbh_task_detail_get_time_area             (BbhTaskDetail *self);
const char  *bbh_task_detail_get_wav_file              (BbhTaskDetail *self);
const char  *bbh_task_detail_get_wav_paths             (BbhTaskDetail *self);
const char  *bbh_task_detail_get_sip_round             (BbhTaskDetail *self);
int          bbh_task_detail_get_redial_count          (BbhTaskDetail *self);
int          bbh_task_detail_get_wheel_sum             (BbhTaskDetail *self);
gint64       bbh_task_detail_get_call_time_ms          (BbhTaskDetail *self);

const char  *bbh_task_detail_describe_status           (int            status);

G_END_DECLS
