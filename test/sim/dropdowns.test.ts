/** Sim's Action and Resource Types dropdowns: Sim's own catalogue, and what the node sends. */
import { SIM_ACTIONS, SIM_RESOURCE_TYPES } from '../../nodes/Sim/catalogue';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { runNode } from '../harness/n8n';
import { FAST_RETRIES, listRequests, simCredentials, useSim } from './setup';

const node = new SimAuditLog();
const sim = useSim();

const filterOption = (name: string) => {
	const filters = node.description.properties.find(
		(property) => property.name === 'filters' && property.displayOptions?.show?.operation?.includes('getMany'),
	);
	return (filters?.options as Array<{ name: string; type: string; options?: Array<{ value: unknown }> }>).find(
		(option) => option.name === name,
	);
};

describe('Sim dropdowns', () => {
	it('offer every action and resource type the emulator (like Sim) records', () => {
		const action = filterOption('action');
		expect(action?.type).toBe('options');
		expect(action?.options?.map((option) => option.value)).toEqual([...SIM_ACTIONS]);
		const types = filterOption('resourceType');
		expect(types?.type).toBe('multiOptions');
		expect(types?.options?.map((option) => option.value)).toEqual([...SIM_RESOURCE_TYPES]);

		const recorded = sim.visibleEvents({ includeDeparted: true });
		expect(recorded.length).toBeGreaterThan(100);
		for (const event of recorded) {
			expect(SIM_ACTIONS).toContain(event.action);
			expect(SIM_RESOURCE_TYPES).toContain(event.resourceType);
		}
	});

	it('sends picked resource types as Sim\'s comma-separated list, and an action from an expression as is', async () => {
		const { items, error } = await runNode({
			nodeType: node,
			parameters: {
				resource: 'auditLog',
				operation: 'getMany',
				returnAll: true,
				filters: { action: '={{ "workflow" + ".deployed" }}', resourceType: ['workspace', 'workflow'] },
				options: FAST_RETRIES,
			},
			credentials: simCredentials(sim),
		});
		expect(error).toBeUndefined();
		expect(listRequests(sim)[0].query).toMatchObject({ action: 'workflow.deployed', resourceType: 'workflow,workspace' });
		const expected = sim.visibleEvents().filter((event) => event.action === 'workflow.deployed');
		expect(items.map((item) => item.json.id)).toEqual(expected.map((event) => event.id));
	});
});
