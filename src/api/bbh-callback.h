/* bbh-callback.h — one callback (click-to-call), as getCallbackList answers (section 2.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhCallbackStatus:
 * @BBH_CALLBACK_STATUS_UNKNOWN: the server sent no or an unknown status
 * @BBH_CALLBACK_STATUS_NOT_CALLED: not yet called (0)
 * @BBH_CALLBACK_STATUS_CALLING: calling (1)
 * @BBH_CALLBACK_STATUS_PAUSED: paused (2)
 * @BBH_CALLBACK_STATUS_NO_ANSWER: nobody answered (3)
 * @BBH_CALLBACK_STATUS_ANSWERED: answered (4)
 * @BBH_CALLBACK_STATUS_TRANSFERRED: answered and put through to the other number (5)
 *
 * `cbkStatus` of section 2.3.1; getPhoneAudit's `wsStatus` uses the same values.
 */
typedef enum
{
  BBH_CALLBACK_STATUS_UNKNOWN     = -1,
  BBH_CALLBACK_STATUS_NOT_CALLED  = 0,
  BBH_CALLBACK_STATUS_CALLING     = 1,
  BBH_CALLBACK_STATUS_PAUSED      = 2,
  BBH_CALLBACK_STATUS_NO_ANSWER   = 3,
  BBH_CALLBACK_STATUS_ANSWERED    = 4,
  BBH_CALLBACK_STATUS_TRANSFERRED = 5,
} BbhCallbackStatus;

#define BBH_TYPE_CALLBACK_STATUS (bbh_callback_status_get_type ())
GType              bbh_callback_status_get_type   (void) G_GNUC_CONST;
const char        *bbh_callback_status_to_string  (BbhCallbackStatus status);
BbhCallbackStatus  bbh_callback_status_from_int   (gint64            value);

/**
 * BbhCallbackKind:
 * @BBH_CALLBACK_KIND_CALLBACK: a callback placed through callbackPhone (0)
 * @BBH_CALLBACK_KIND_AGENT_CALL: a call placed by an agent (1)
 *
 * `cbkType`.
 */
typedef enum
{
  BBH_CALLBACK_KIND_CALLBACK   = 0,
  BBH_CALLBACK_KIND_AGENT_CALL = 1,
} BbhCallbackKind;

#define BBH_TYPE_CALLBACK (bbh_callback_get_type ())

G_DECLARE_FINAL_TYPE (BbhCallback, bbh_callback, BBH, CALLBACK, GObject)

gint64             bbh_callback_get_id                     (BbhCallback *self);
gint64             bbh_callback_get_extension_id           (BbhCallback *self);
const char        *bbh_callback_get_source_phone           (BbhCallback *self);
const char        *bbh_callback_get_dest_phone             (BbhCallback *self);
BbhCallbackStatus  bbh_callback_get_status                 (BbhCallback *self);
int                bbh_callback_get_raw_status             (BbhCallback *self);
const char        *bbh_callback_get_status_text            (BbhCallback *self);
const char        *bbh_callback_get_create_time            (BbhCallback *self);
GDateTime         *bbh_callback_get_create_date_time       (BbhCallback *self);
const char        *bbh_callback_get_begin_time             (BbhCallback *self);
const char        *bbh_callback_get_success_time           (BbhCallback *self);
const char        *bbh_callback_get_end_time               (BbhCallback *self);
int                bbh_callback_get_talk_time              (BbhCallback *self);
const char        *bbh_callback_get_transfer_success_time  (BbhCallback *self);
const char        *bbh_callback_get_transfer_end_time      (BbhCallback *self);
int                bbh_callback_get_transfer_time          (BbhCallback *self);
const char        *bbh_callback_get_result_code            (BbhCallback *self);
const char        *bbh_callback_get_error_code             (BbhCallback *self);
const char        *bbh_callback_get_wav_file               (BbhCallback *self);
const char        *bbh_callback_get_extension              (BbhCallback *self);
int                bbh_callback_get_kind                   (BbhCallback *self);
const char        *bbh_callback_get_url                    (BbhCallback *self);

G_END_DECLS
