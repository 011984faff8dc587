/* agent-phone.h — phone numbers as the agent types, sees and dials them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AGENT_PHONE_ERROR (agent_phone_error_quark ())

typedef enum
{
  AGENT_PHONE_ERROR_EMPTY,
  AGENT_PHONE_ERROR_INVALID_CHARACTER,
  AGENT_PHONE_ERROR_TOO_SHORT,
  AGENT_PHONE_ERROR_TOO_LONG,
} AgentPhoneError;

GQuark       agent_phone_error_quark    (void);
char        *agent_phone_normalize      (const char  *input,
                                         GError     **error);
gboolean     agent_phone_is_valid       (const char  *input);
gboolean     agent_phone_is_mobile      (const char  *phone);
char        *agent_phone_format         (const char  *phone);
char        *agent_phone_parse_uri       (const char  *uri);

G_END_DECLS
