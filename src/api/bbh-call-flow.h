/* bbh-call-flow.h — an outbound call flow, as findCallFlow lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhTransferMode:
 *
 * `cfItransferMode`: what happens when the callee answers.
 */
typedef enum
{
  BBH_TRANSFER_MODE_PLAY_ONLY         = 1,  /* play the message, never transfer */
  BBH_TRANSFER_MODE_TRANSFER_ONLY     = 2,  /* transfer to an agent without playing */
  BBH_TRANSFER_MODE_TRANSFER_WHILE    = 3,  /* play, transfer while playing */
  BBH_TRANSFER_MODE_TRANSFER_AFTER    = 4,  /* play, then transfer at once */
  BBH_TRANSFER_MODE_TRANSFER_ON_KEY   = 5,  /* transfer only when the callee presses a key */
} BbhTransferMode;

/**
 * BbhFlowRecording:
 *
 * `cfIIsRecord`.
 */
typedef enum
{
  BBH_FLOW_RECORDING_NONE        = 0,
  BBH_FLOW_RECORDING_ON_TRANSFER = 1,  /* from the transfer to an agent */
  BBH_FLOW_RECORDING_ON_ANSWER   = 2,  /* from the moment the callee answers */
} BbhFlowRecording;

/**
 * BbhFlowSms:
 *
 * `cfISmsStatus`: when a text message goes to the callee.
 */
typedef enum
{
  BBH_FLOW_SMS_NONE         = 0,
  BBH_FLOW_SMS_ALWAYS       = 1,
  BBH_FLOW_SMS_NOT_ANSWERED = 2,
  BBH_FLOW_SMS_ANSWERED     = 3,
  BBH_FLOW_SMS_TRANSFERRED  = 4,  /* when the call reached an agent */
} BbhFlowSms;

#define BBH_TYPE_CALL_FLOW (bbh_call_flow_get_type ())

G_DECLARE_FINAL_TYPE (BbhCallFlow, bbh_call_flow, BBH, CALL_FLOW, GObject)

gint64       bbh_call_flow_get_id                 (BbhCallFlow *self);
const char  *bbh_call_flow_get_name               (BbhCallFlow *self);
const char  *bbh_call_flow_get_task_name          (BbhCallFlow *self);
gint64       bbh_call_flow_get_task_id            (BbhCallFlow *self);
int          bbh_call_flow_get_dial_seconds       (BbhCallFlow *self);
const char  *bbh_call_flow_get_voice_path         (BbhCallFlow *self);
int          bbh_call_flow_get_transfer_mode      (BbhCallFlow *self);
int          bbh_call_flow_get_play_seconds       (BbhCallFlow *self);
int          bbh_call_flow_get_recording          (BbhCallFlow *self);
int          bbh_call_flow_get_send_interval      (BbhCallFlow *self);
int          bbh_call_flow_get_sms_status         (BbhCallFlow *self);
int          bbh_call_flow_get_sms_after_seconds  (BbhCallFlow *self);
const char  *bbh_call_flow_get_sms_content        (BbhCallFlow *self);

const char  *bbh_call_flow_describe_transfer_mode (int          mode);
const char  *bbh_call_flow_describe_recording     (int          recording);
const char  *bbh_call_flow_describe_sms_status    (int          sms_status);
char        *bbh_call_flow_describe_transfer      (BbhCallFlow *self);
char        *bbh_call_flow_describe_sms           (BbhCallFlow *self);

G_END_DECLS
