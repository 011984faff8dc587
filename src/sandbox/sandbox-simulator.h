/* sandbox-simulator.h — scripted and random calls, callbacks (callbackPhone)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sandbox-server.h"

G_BEGIN_DECLS

typedef struct
{
  const char *phone;
  gboolean    outgoing;    /* kind 1 (out) instead of 2 (in) */
  guint       ring_ms;     /* ringing before the answer (or before giving up) */
  guint       talk_ms;     /* 0: nobody answers, a missed call */
  gboolean    record;      /* synthesise a recording for an answered call */
} SandboxCallScript;

/* Creates the simulator's tables (sandbox_callbacks, sandbox_devices) in the server's db. */
SandboxSimulator *sandbox_simulator_new        (SandboxServer           *server,
                                                GError                 **error);
void              sandbox_simulator_free       (SandboxSimulator        *self);

/* Starts a call for @agent: ring (status 0) → answered (1) after ring_ms unless talk_ms is 0 →
 * hang-up (2, with the cdrId and talkTimes) after talk_ms; the call record is written at the
 * hang-up. Returns the cdrId the hang-up will carry. */
gint64            sandbox_simulator_start_call (SandboxSimulator        *self,
                                                const SandboxAgent      *agent,
                                                const SandboxCallScript *script,
                                                GError                 **error);
/* Act on the agent's current call; FALSE when it has none (in the right state). */
gboolean          sandbox_simulator_answer     (SandboxSimulator        *self,
                                                gint64                   exte_id);
gboolean          sandbox_simulator_hangup     (SandboxSimulator        *self,
                                                gint64                   exte_id,
                                                const char              *phone);
gboolean          sandbox_simulator_transfer   (SandboxSimulator        *self,
                                                gint64                   exte_id,
                                                const SandboxAgent      *to);
/* Phone number of the agent's call in progress, or NULL. */
const char       *sandbox_simulator_get_current_phone (SandboxSimulator *self,
                                                       gint64            exte_id);

/* callbackPhone: returns the callback id (cbkId). @callback_url is the decoded URL template. */
gint64            sandbox_simulator_callback   (SandboxSimulator        *self,
                                                const SandboxAgent      *agent,
                                                const char              *source_phone,
                                                const char              *desc_phone,
                                                const char              *callback_url,
                                                const char              *paramvalue,
                                                GError                 **error);

/* --simulate: every checked-in agent gets incoming calls at random intervals. */
void              sandbox_simulator_set_random (SandboxSimulator        *self,
                                                gboolean                 enabled);

/* GET @url in the background when it points at this machine; failures are ignored. */
void              sandbox_simulator_notify_url (SandboxSimulator        *self,
                                                const char              *url);

G_END_DECLS
