/* bbh.h — the 八百呼 protocol library: include this one header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-error.h"
#include "bbh-client.h"
#include "bbh-client-events.h"
#include "bbh-client-customers.h"
#include "bbh-client-records.h"
#include "bbh-client-admin.h"
